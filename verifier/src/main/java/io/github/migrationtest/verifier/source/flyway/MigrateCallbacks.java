package io.github.migrationtest.verifier.source.flyway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The SQL callbacks of a location that Flyway runs with every {@code migrate} ({@code afterMigrate.sql},
 * {@code beforeEachMigrate__grants.sql}, ...): what one of them changes is made by every upgrade step and undone by
 * no {@code U} script, so a fix that names the {@code U} script names them too (docs/flyway.md, "Callbacks").
 */
final class MigrateCallbacks {

    /** The events of a migrate, with Flyway's optional {@code __description}; not the error ones. */
    private static final Pattern ON_MIGRATE = Pattern.compile(
            "(beforeMigrate|beforeEachMigrate|beforeEachMigrateStatement|beforeRepeatables|afterEachMigrate"
                    + "|afterEachMigrateStatement|afterVersioned|afterMigrate|afterMigrateApplied)(__.*)?\\.sql");

    private MigrateCallbacks() {
    }

    /** The callbacks in {@code folder} and its subfolders, named as {@code display} names the folder. */
    static List<String> in(Path folder, String display) {
        if (folder == null || !Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(folder, 8)) {
            return files.filter(p -> ON_MIGRATE.matcher(p.getFileName().toString()).matches())
                    .filter(Files::isRegularFile)
                    .map(p -> display + "/" + folder.relativize(p).toString().replace('\\', '/'))
                    .sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            return List.of(); // an unreadable folder is the history reader's to report
        }
    }
}
