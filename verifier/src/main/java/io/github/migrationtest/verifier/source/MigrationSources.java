package io.github.migrationtest.verifier.source;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Opens a migration history from a location, detecting its type unless the options name one. */
public final class MigrationSources {

    // By name, so Flyway's and Liquibase's adapters are loaded only when their tool is wanted.
    private static final Map<SourceType, String> PROVIDERS = Map.of(
            SourceType.LIQUIBASE, "io.github.migrationtest.verifier.source.liquibase.LiquibaseSourceProvider",
            SourceType.FLYWAY, "io.github.migrationtest.verifier.source.flyway.FlywaySourceProvider",
            SourceType.SQL, "io.github.migrationtest.verifier.source.sql.SqlPairsSourceProvider",
            SourceType.ALEMBIC, "io.github.migrationtest.verifier.source.alembic.AlembicSourceProvider");

    /** The order detection asks in: the most specific look first, plain SQL last. */
    private static final List<SourceType> DETECTION_ORDER =
            List.of(SourceType.ALEMBIC, SourceType.LIQUIBASE, SourceType.FLYWAY, SourceType.SQL);

    private static final Map<SourceType, String> MISSING_TOOL = Map.of(
            SourceType.FLYWAY, "Flyway is not on the class path: add org.flywaydb:flyway-core and flyway-database-postgresql",
            SourceType.LIQUIBASE, "Liquibase is not on the class path: add org.liquibase:liquibase-core");

    private MigrationSources() {}

    /** Opens a directory or changelog file. */
    public static MigrationSource open(Path location, SourceOptions options) {
        return open(location.toString(), options);
    }

    /**
     * Opens a location: a path, a {@code filesystem:} or {@code classpath:} location (Flyway's
     * syntax), a Liquibase changelog, or an Alembic project (its {@code alembic.ini} or a folder above it).
     *
     * @throws IllegalStateException when the type needs a tool that is not on the class path
     */
    public static MigrationSource open(String location, SourceOptions options) {
        SourceType type = detect(location, options);
        MigrationSourceProvider provider = provider(type);
        if (!provider.isAvailable(options.classLoader())) {
            throw new IllegalStateException(MISSING_TOOL.get(type));
        }
        return provider.open(location, options);
    }

    /**
     * The type of the history at a location: the one the options name, else the first of Alembic
     * ({@code alembic.ini}), Liquibase (a changelog), Flyway (V__ scripts, when Flyway is on the class
     * path), plain SQL.
     */
    public static SourceType detect(String location, SourceOptions options) {
        if (options.type() != null) {
            return options.type();
        }
        for (SourceType type : DETECTION_ORDER) {
            MigrationSourceProvider provider = provider(type);
            if (provider.isAvailable(options.classLoader()) && provider.recognises(location, options)) {
                return type;
            }
        }
        return SourceType.SQL;
    }

    private static MigrationSourceProvider provider(SourceType type) {
        try {
            return (MigrationSourceProvider) Class.forName(PROVIDERS.get(type)).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("The " + type + " source adapter is missing from this build: " + e, e);
        }
    }
}
