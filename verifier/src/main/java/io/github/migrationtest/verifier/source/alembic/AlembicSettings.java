package io.github.migrationtest.verifier.source.alembic;

import io.github.migrationtest.verifier.postgres.PostgresSettings;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The keys of the Alembic settings, read as system properties or environment variables like the others. */
public final class AlembicSettings {

    /** The interpreter that has the project's Alembic, SQLAlchemy and driver. */
    public static final String PYTHON_KEY = "migrationtest.alembic.python";
    /** {@code minimal}, or the path of an {@code env.py} run instead of the project's. */
    public static final String ENV_KEY = "migrationtest.alembic.env";
    /** The section of {@code alembic.ini} read, as {@code alembic --name}. */
    public static final String NAME_KEY = "migrationtest.alembic.name";
    /** Alembic's {@code -x} values, comma-separated. */
    public static final String X_KEY = "migrationtest.alembic.x";

    private AlembicSettings() {
    }

    /** A key's value from the system properties, else the environment ({@code MIGRATIONTEST_ALEMBIC_PYTHON}). */
    public static Optional<String> fromEnvironment(String key) {
        return Optional.ofNullable(System.getProperty(key))
                .or(() -> Optional.ofNullable(System.getenv(PostgresSettings.environmentName(key))))
                .filter(value -> !value.isBlank());
    }

    /** A comma-separated key's values, each stripped, blanks left out. */
    public static List<String> values(String value) {
        return Arrays.stream(value.split(",")).map(String::strip).filter(part -> !part.isEmpty()).toList();
    }
}
