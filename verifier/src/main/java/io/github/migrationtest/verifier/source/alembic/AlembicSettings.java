package io.github.migrationtest.verifier.source.alembic;

import io.github.migrationtest.verifier.postgres.PostgresSettings;
import java.util.Optional;

/** The keys of the Alembic settings, read as system properties or environment variables like the others. */
public final class AlembicSettings {

    /** The interpreter that has the project's Alembic, SQLAlchemy and driver. */
    public static final String PYTHON_KEY = "migrationtest.alembic.python";
    /** {@code minimal}, or the path of an {@code env.py} run instead of the project's. */
    public static final String ENV_KEY = "migrationtest.alembic.env";

    private AlembicSettings() {
    }

    /** A key's value from the system properties, else the environment ({@code MIGRATIONTEST_ALEMBIC_PYTHON}). */
    public static Optional<String> fromEnvironment(String key) {
        return Optional.ofNullable(System.getProperty(key))
                .or(() -> Optional.ofNullable(System.getenv(PostgresSettings.environmentName(key))))
                .filter(value -> !value.isBlank());
    }
}
