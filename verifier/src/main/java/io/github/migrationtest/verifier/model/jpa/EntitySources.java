package io.github.migrationtest.verifier.model.jpa;

import io.github.migrationtest.verifier.model.ModelException;
import java.util.Map;
import java.util.regex.Pattern;
import org.hibernate.jpa.boot.spi.PersistenceUnitDescriptor;

/** Decides whether a name is a persistence unit or a package, and reads it. */
final class EntitySources {
    private static final Pattern PACKAGE = Pattern.compile("\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*"
            + "(\\.\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*)*");

    private EntitySources() {
    }

    /** A persistence unit of that name wins; otherwise the package's mapped classes. */
    static EntitySource resolve(String name, ClassLoader loader, Map<String, String> settings) {
        PersistenceUnits units = PersistenceUnits.in(loader);
        PersistenceUnitDescriptor unit = units.get(name);
        if (unit != null) {
            return new PersistenceUnitSource(unit, loader, settings);
        }
        if (!PACKAGE.matcher(name).matches()) {
            throw new ModelException("JPA model \"" + name + "\": no persistence unit has this name, and it is not a"
                    + " package name; " + units.summary()
                    + ". Fix: name a persistence unit from " + PersistenceUnits.PERSISTENCE_XML
                    + " or the package that holds your @Entity classes, e.g. jpa:com.acme.orders.");
        }
        EntityScanner.Scan scan = EntityScanner.scan(name, loader);
        if (scan.entities() == 0) {
            throw new ModelException("JPA model \"" + name + "\": no @Entity class in package " + name
                    + " or its subpackages (" + (scan.locations().isEmpty() ? "the package is not on the class path"
                            : "looked in " + String.join(", ", scan.locations()))
                    + (scan.unloadable().isEmpty() ? "" : "; could not load " + String.join(", ", scan.unloadable()))
                    + "), and no persistence unit has this name; " + units.summary()
                    + ". Fix: give the package of your @Entity classes with the compiled classes on the class path,"
                    + " or the name of a persistence unit.");
        }
        return new PackageSource(name, scan.mapped(), loader, settings);
    }
}
