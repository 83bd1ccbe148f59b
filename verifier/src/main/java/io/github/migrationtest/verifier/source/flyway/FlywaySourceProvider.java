package io.github.migrationtest.verifier.source.flyway;

import io.github.migrationtest.verifier.source.FlywayNames;
import io.github.migrationtest.verifier.source.MigrationSource;
import io.github.migrationtest.verifier.source.MigrationSourceProvider;
import io.github.migrationtest.verifier.source.SourceOptions;
import io.github.migrationtest.verifier.source.SourceType;
import io.github.migrationtest.verifier.source.sql.Locations;
import io.github.migrationtest.verifier.source.sql.SqlHistory;
import io.github.migrationtest.verifier.source.sql.SqlHistoryReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Opens a Flyway location. Touches no Flyway class itself, so the factory can ask it whether
 * Flyway is there before anything links against Flyway.
 */
public final class FlywaySourceProvider implements MigrationSourceProvider {

    /** A versioned migration: SQL, or a Java (or other JVM) migration compiled to a class. */
    private static final Pattern VERSIONED = Pattern.compile("V\\d+([._]\\d+)*__.*\\.(sql|class)");
    private static final Pattern CHANGELOG = Pattern.compile(".*\\.(xml|ya?ml|json|sql)$");

    @Override
    public SourceType type() {
        return SourceType.FLYWAY;
    }

    @Override
    public boolean isAvailable(ClassLoader classLoader) {
        return MigrationSourceProvider.classPresent("org.flywaydb.core.Flyway", classLoader)
                && MigrationSourceProvider.classPresent("org.flywaydb.database.postgresql.PostgreSQLDatabaseType", classLoader);
    }

    @Override
    public boolean recognises(String location, SourceOptions options) {
        if (Locations.isClasspath(location)) {
            if (CHANGELOG.matcher(location.toLowerCase(Locale.ROOT)).matches()) {
                return false;
            }
            // Flyway's syntax, but not Flyway's history when no root of the class path that has the folder holds a
            // versioned migration (SQL pairs on the class path of a project that also has Flyway). Not found: Flyway's,
            // which reports it missing.
            List<Path> folders = Locations.resolveAll(location, options.classLoader());
            FlywayNames names = options.flyway().names();
            return folders.isEmpty() || folders.stream().anyMatch(folder -> hasVersionedMigrations(folder, names));
        }
        return hasVersionedMigrations(Path.of(Locations.withoutFilesystemPrefix(location)), options.flyway().names());
    }

    /** Whether a folder (or one below it) holds a versioned migration's {@code V<version>__<name>.sql}. */
    public static boolean hasVersionedMigrations(Path dir) {
        return hasVersionedMigrations(dir, FlywayNames.DEFAULT);
    }

    /**
     * Whether a folder (or one below it) holds a versioned migration as these names name it, or a Java migration
     * ({@code V<version>__<Name>.class}, whose names Flyway's settings do not change).
     */
    public static boolean hasVersionedMigrations(Path dir, FlywayNames names) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(dir, 8)) {
            return files.map(p -> p.getFileName().toString()).anyMatch(name -> VERSIONED.matcher(name).matches()
                    && (names.isDefault() || name.endsWith(".class"))
                    || !names.isDefault() && names.parse(name).filter(p -> p.kind() == FlywayNames.Kind.VERSIONED).isPresent());
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }

    @Override
    public MigrationSource open(String location, SourceOptions options) {
        Locations.Resolved resolved = Locations.resolve(location, options.classLoader());
        FlywayNames names = options.flyway().names();
        List<Locations.Resolved> locations = new ArrayList<>(List.of(resolved));
        options.flyway().extraLocations().forEach(extra -> locations.add(Locations.resolve(extra, options.classLoader())));
        // Flyway applies the versions of all its locations in one order: the others may hold versions too.
        List<SqlHistory> histories = new ArrayList<>(List.of(SqlHistoryReader.readFlyway(resolved.path(), resolved.display(), names)));
        List<String> callbacks = new ArrayList<>();
        for (Locations.Resolved each : locations) {
            if (each != resolved && hasVersionedMigrations(each.path(), names)) {
                histories.add(SqlHistoryReader.readFlyway(each.path(), each.display(), names));
            }
            callbacks.addAll(MigrateCallbacks.in(each.path(), each.display()));
        }
        SqlHistory history = UndefinedPlaceholders.check(VersionedLocations.merged(histories), locations, options);
        String flywayLocation = Locations.isClasspath(location) || location.startsWith("filesystem:")
                ? location : "filesystem:" + Path.of(location).toAbsolutePath();
        return new FlywaySource(location, flywayLocation, history, options, callbacks);
    }
}
