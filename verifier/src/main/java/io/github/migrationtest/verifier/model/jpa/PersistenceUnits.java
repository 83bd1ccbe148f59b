package io.github.migrationtest.verifier.model.jpa;

import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.jpa.boot.spi.PersistenceUnitDescriptor;
import org.hibernate.jpa.boot.spi.PersistenceXmlParser;

/** The persistence units declared in the {@code META-INF/persistence.xml} files a class loader sees. */
final class PersistenceUnits {
    static final String PERSISTENCE_XML = "META-INF/persistence.xml";

    private final List<URL> files;
    private final Map<String, PersistenceUnitDescriptor> units;
    private final RuntimeException parseFailure;

    private PersistenceUnits(List<URL> files, Map<String, PersistenceUnitDescriptor> units,
            RuntimeException parseFailure) {
        this.files = files;
        this.units = units;
        this.parseFailure = parseFailure;
    }

    static PersistenceUnits in(ClassLoader loader) {
        PersistenceXmlParser parser = PersistenceXmlParser.create(
                Map.of(AvailableSettings.TC_CLASSLOADER, "never"), loader, null);
        List<URL> files = parser.getClassLoaderService().locateResources(PERSISTENCE_XML);
        if (files.isEmpty()) {
            return new PersistenceUnits(List.of(), Map.of(), null);
        }
        try {
            return new PersistenceUnits(files, new TreeMap<>(parser.parse(files)), null);
        } catch (RuntimeException e) {
            // Kept, not thrown: the name may be a package, and a broken file elsewhere must not stop that.
            return new PersistenceUnits(files, Map.of(), e);
        }
    }

    PersistenceUnitDescriptor get(String name) {
        return units.get(name);
    }

    /** For error messages: which files were read and which units they declare, or why they could not be read. */
    String summary() {
        if (files.isEmpty()) {
            return "there is no " + PERSISTENCE_XML + " on the class path";
        }
        if (parseFailure != null) {
            return PERSISTENCE_XML + " could not be read (" + files + "): " + HibernateFailures.causes(parseFailure);
        }
        String names = units.isEmpty() ? "none" : String.join(", ", units.keySet());
        return "the persistence units on the class path are " + names + " (in " + files + ")";
    }
}
