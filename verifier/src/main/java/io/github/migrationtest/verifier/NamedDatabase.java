package io.github.migrationtest.verifier;

import io.github.migrationtest.verifier.source.MigrationFailure;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A statement that names production's database ({@code ALTER DATABASE myapp SET timezone TO 'UTC'}): the verifier
 * runs the migrations in a database of its own (each part of a walk in another), so the name does not exist there.
 * The statement is meant for the database it runs in, and can say so without its name.
 */
final class NamedDatabase {

    /** invalid_catalog_name. */
    private static final String INVALID_CATALOG_NAME = "3D000";
    private static final Pattern MISSING = Pattern.compile("database \"([^\"]+)\" does not exist");

    private NamedDatabase() {
    }

    /** The failure with the hint and fix, when it names a database that does not exist; else empty. */
    static Optional<MigrationFailure> explain(MigrationFailure failure) {
        Matcher matcher = MISSING.matcher(failure.message());
        if (!failure.sqlState().equals(INVALID_CATALOG_NAME) || !matcher.find()) {
            return Optional.empty();
        }
        return Optional.of(failure.withHint("The statement names database " + matcher.group(1) + ", but the migrations run"
                        + " in a database of the verifier's own, named otherwise, as they would in any other environment"
                        + " (a developer's, a test's). A statement meant for the database it runs in can name it through"
                        + " current_database(): DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET timezone TO ''UTC''',"
                        + " current_database()); END $$; in a Flyway history, ${flyway:database}")
                .withFix("Name the database the statement at " + failure.location() + " runs in through"
                        + " current_database() (see the hint), not by production's name"));
    }
}
