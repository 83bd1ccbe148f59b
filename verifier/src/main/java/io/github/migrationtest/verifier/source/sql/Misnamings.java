package io.github.migrationtest.verifier.source.sql;

import io.github.migrationtest.verifier.source.sql.FileNames.Misnamed;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names one slip away from a convention's: {@code V6_add_phone.sql} (one underscore), {@code v6__x.sql}
 * (lower-case prefix), {@code 6_add_phone.up.sq}. The tools skip such a file without a word, so
 * the history runs without that migration, in the verifier and in production alike; these are
 * reported with the name that would be run. Only near misses count: Flyway callbacks
 * ({@code afterMigrate.sql}), READMEs and other databases' files stay what they were.
 */
final class Misnamings {

    /** A version after V or U, then anything but Flyway's two underscores before the description. */
    private static final Pattern FLYWAY_LIKE =
            Pattern.compile("(?<prefix>[VvUu])(?<version>\\d+(?:[._]\\d+)*)(?<separator>__|[-_. ])?(?<name>[^_].*)\\.sql");
    /** golang-migrate's {@code <version>_<name>.up.sql}, with another extension. */
    private static final Pattern UP_DOWN_LIKE =
            Pattern.compile("(?<version>\\d+)_(?<name>[^.].*)\\.(?<direction>up|down)\\.(?<extension>[A-Za-z]+)");

    private Misnamings() {
    }

    /** The convention the file name nearly follows, the name it should have and what is wrong; empty if it is no near miss. */
    static Optional<Misnamed> of(String fileName) {
        Matcher flyway = FLYWAY_LIKE.matcher(fileName);
        if (flyway.matches()) {
            String prefix = flyway.group("prefix");
            String expected = prefix.toUpperCase(Locale.ROOT) + flyway.group("version") + "__" + flyway.group("name") + ".sql";
            String slip = !prefix.equals(prefix.toUpperCase(Locale.ROOT))
                    ? "starts with a lower-case '" + prefix + "'"
                    : "does not have two underscores between version and description";
            return Optional.of(new Misnamed(Convention.FLYWAY, expected,
                    "looks like a Flyway migration but " + slip + ", so Flyway would skip it without a word (or, with"
                            + " validateMigrationNaming, refuse to migrate)"));
        }
        Matcher upDown = UP_DOWN_LIKE.matcher(fileName);
        if (upDown.matches() && !upDown.group("extension").equals("sql")) {
            String expected = upDown.group("version") + "_" + upDown.group("name") + "." + upDown.group("direction") + ".sql";
            return Optional.of(new Misnamed(Convention.GOLANG_MIGRATE, expected,
                    "looks like a migration but ends in ." + upDown.group("extension") + ", not .sql, so it would be skipped"));
        }
        return Optional.empty();
    }
}
