package io.github.migrationtest.verifier.source.liquibase;

import io.github.migrationtest.verifier.source.MigrationSource;
import io.github.migrationtest.verifier.source.MigrationSourceProvider;
import io.github.migrationtest.verifier.source.SourceOptions;
import io.github.migrationtest.verifier.source.SourceType;
import io.github.migrationtest.verifier.source.sql.Locations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Opens a Liquibase changelog: a file, a {@code classpath:} resource, or a directory holding a
 * master changelog. Touches no Liquibase class itself, so the factory can ask whether Liquibase is
 * there before anything links against it.
 */
public final class LiquibaseSourceProvider implements MigrationSourceProvider {

    private static final String FORMATTED_SQL = "--liquibase formatted sql";

    @Override
    public SourceType type() {
        return SourceType.LIQUIBASE;
    }

    @Override
    public boolean isAvailable(ClassLoader classLoader) {
        return MigrationSourceProvider.classPresent("liquibase.command.CommandScope", classLoader);
    }

    @Override
    public boolean recognises(String location, SourceOptions options) {
        if (Locations.isClasspath(location)) {
            return location.toLowerCase(Locale.ROOT).matches(".*\\.(xml|ya?ml|json|sql)$");
        }
        Path path = Path.of(Locations.withoutFilesystemPrefix(location));
        return Files.isDirectory(path) ? masterChangelog(path).isPresent() : isChangelog(path);
    }

    @Override
    public MigrationSource open(String location, SourceOptions options) {
        return LiquibaseSource.open(location, options);
    }

    /** The master changelog of a directory, by the names Liquibase projects use. */
    static Optional<Path> masterChangelog(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT)
                            .matches("(db\\.)?changelog([-.]master)?\\.(xml|ya?ml|json|sql)"))
                    .filter(LiquibaseSourceProvider::isChangelog)
                    .sorted()
                    .findFirst();
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
    }

    /** Whether a file is a changelog: XML, YAML or JSON by extension, SQL by its formatted-SQL header. */
    static boolean isChangelog(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.matches(".*\\.(xml|ya?ml|json)$")) {
            return Files.isRegularFile(file);
        }
        if (!name.endsWith(".sql") || !Files.isRegularFile(file)) {
            return false;
        }
        try (Stream<String> lines = Files.lines(file)) {
            return lines.map(String::strip).filter(l -> !l.isEmpty()).findFirst()
                    .map(l -> l.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").startsWith(FORMATTED_SQL))
                    .orElse(false);
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }
}
