package io.github.migrationtest.verifier.model.jpa;

import io.github.migrationtest.verifier.model.ModelException;
import io.github.migrationtest.verifier.model.SchemaModel;
import io.github.migrationtest.verifier.postgres.DisposableDatabase;
import io.github.migrationtest.verifier.postgres.PostgresServer;
import io.github.migrationtest.verifier.snapshot.SchemaSnapshot;
import io.github.migrationtest.verifier.snapshot.SnapshotOptions;
import io.github.migrationtest.verifier.snapshot.SnapshotReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Objects;

/**
 * JPA entities as the desired schema, the counterpart of Alembic's {@code target_metadata}: a
 * persistence unit of {@code META-INF/persistence.xml}, or the {@code @Entity} classes of a package
 * and its subpackages, exported by Hibernate's schema tooling into a scratch database and read
 * from there. Hibernate ORM must be on the class path (the application's own version).
 *
 * <p>Hibernate's exports carry names and options it chooses ({@code fk…} constraint names, sequences
 * that {@code increment by 50}); see {@link io.github.migrationtest.verifier.diff.DiffOptions} for how
 * to compare them with what migrations write.
 */
public final class JpaModel implements SchemaModel {
    private static final String HIBERNATE = "org.hibernate.boot.MetadataSources";

    private final String name;
    private final ClassLoader classLoader;
    private final Map<String, String> hibernateSettings;
    private volatile EntitySource resolved;

    /**
     * @param packageOrUnit a persistence unit's name, or a package whose {@code @Entity} classes
     *                      (subpackages included) make the model
     * @param classLoader   sees the entity classes and any {@code META-INF/persistence.xml}
     */
    public JpaModel(String packageOrUnit, ClassLoader classLoader) {
        this(packageOrUnit, classLoader, Map.of());
    }

    /**
     * @param hibernateSettings Hibernate settings for a package's entities, as the application
     *                          configures them elsewhere, e.g. {@code hibernate.physical_naming_strategy};
     *                          a persistence unit has its own and these override them
     */
    public JpaModel(String packageOrUnit, ClassLoader classLoader, Map<String, String> hibernateSettings) {
        this.name = Objects.requireNonNull(packageOrUnit, "packageOrUnit").strip();
        this.classLoader = Objects.requireNonNull(classLoader, "classLoader");
        this.hibernateSettings = Map.copyOf(hibernateSettings);
    }

    @Override
    public String description() {
        EntitySource source = resolved;
        return source != null ? source.description() : "JPA model " + name;
    }

    @Override
    public SchemaSnapshot snapshot(PostgresServer server, SnapshotOptions options) {
        EntitySource source = source();
        try (DisposableDatabase scratch = server.createDatabase()) {
            try {
                source.export(scratch.dataSource());
            } catch (RuntimeException | LinkageError e) {
                throw new ModelException("Hibernate could not export the schema of " + source.description() + ": "
                        + HibernateFailures.causes(e) + ". Fix: correct the mapping or setting named above; it is"
                        + " what your application would fail on at start-up.", e);
            }
            try (Connection connection = scratch.connect()) {
                return SnapshotReader.read(connection, options);
            }
        } catch (SQLException e) {
            throw new ModelException("Could not read the schema Hibernate exported for " + source.description()
                    + ": " + e.getMessage(), e);
        }
    }

    private EntitySource source() {
        EntitySource source = resolved;
        if (source == null) {
            source = resolve();
            resolved = source;
        }
        return source;
    }

    private EntitySource resolve() {
        String missing = missingHibernate(JpaModel.class.getClassLoader());
        if (missing != null) {
            throw new ModelException("JPA model \"" + name + "\" needs Hibernate ORM, and " + missing
                    + ". Fix: add org.hibernate.orm:hibernate-core (your application's version) to the test class"
                    + " path; on the command line run java -cp migrationtest.jar:<your application's class path>"
                    + " io.github.migrationtest.verifier.cli.Main verify ...");
        }
        if (name.isEmpty()) {
            throw new ModelException("JPA model: no package or persistence unit given. Fix: jpa:com.acme.orders"
                    + " or jpa:<persistence unit name>.");
        }
        try {
            return EntitySources.resolve(name, classLoader, hibernateSettings);
        } catch (ModelException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ModelException("JPA model \"" + name + "\": could not look for its persistence unit or"
                    + " entity classes: " + HibernateFailures.causes(e), e);
        }
    }

    /** Why Hibernate cannot be used from {@code loader}, or {@code null} when it can. */
    static String missingHibernate(ClassLoader loader) {
        try {
            Class.forName(HIBERNATE, false, loader);
            return null;
        } catch (ClassNotFoundException | LinkageError e) {
            return "it is not on the class path (" + HIBERNATE + " not found)";
        }
    }
}
