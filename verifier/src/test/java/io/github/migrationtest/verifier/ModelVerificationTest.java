package io.github.migrationtest.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.migrationtest.verifier.model.Models;
import io.github.migrationtest.verifier.postgres.PostgresServer;
import io.github.migrationtest.verifier.report.Check;
import io.github.migrationtest.verifier.report.CheckResult;
import io.github.migrationtest.verifier.report.FailureText;
import io.github.migrationtest.verifier.report.Outcome;
import io.github.migrationtest.verifier.report.ReportedDifference;
import io.github.migrationtest.verifier.report.VerificationReport;
import io.github.migrationtest.verifier.source.MigrationSources;
import io.github.migrationtest.verifier.source.SourceOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HEAD_MATCHES_MODEL end to end: a history walked on the real Postgres, compared with each kind of file model. */
class ModelVerificationTest {

    private static final String SCHEMA_SQL = """
            CREATE TABLE users (id int PRIMARY KEY, name text);
            CREATE INDEX users_name_idx ON users (name);
            """;

    @TempDir
    Path dir;
    private Path history;

    @BeforeEach
    void writeHistory() throws IOException {
        history = Files.createDirectory(dir.resolve("migrations"));
        pair("0001_users", "CREATE TABLE users (id int PRIMARY KEY, name text);", "DROP TABLE users;");
        pair("0002_name_index", "CREATE INDEX users_name_idx ON users (name);", "DROP INDEX users_name_idx;");
    }

    private void pair(String name, String up, String down) throws IOException {
        Files.writeString(history.resolve(name + ".up.sql"), up + "\n");
        Files.writeString(history.resolve(name + ".down.sql"), down + "\n");
    }

    private CheckResult verify(String spec, boolean update) {
        VerifierOptions options = VerifierOptions.defaults().withModel(Models.parse(spec)).withSnapshotUpdate(update);
        VerificationReport report = new Verifier(MigrationSources.open(history, SourceOptions.defaults()), options)
                .verify(PostgresServer.shared());
        return report.historyCheck(Check.HEAD_MATCHES_MODEL).orElseThrow();
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void a_reference_schema_sql_equal_to_head_passes() throws IOException {
        Path schema = write("schema.sql", SCHEMA_SQL);

        CheckResult result = verify("sql:" + schema, false);

        assertThat(result.outcome()).as(FailureText.render(result)).isEqualTo(Outcome.PASSED);
    }

    @Test
    void a_column_no_migration_adds_fails_the_check_listing_it_by_path() throws IOException {
        Path schema = write("schema.sql", SCHEMA_SQL.replace("name text", "name text, nickname text"));

        CheckResult result = verify("sql:" + schema, false);

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.reason()).isEqualTo("the head schema does not match reference SQL file " + schema);
        assertThat(result.differences()).extracting(ReportedDifference::description)
                .containsExactly("public.users.nickname: missing column: text");
        assertThat(result.migration()).as("the SQL, or why it could not be generated").isPresent();
    }

    @Test
    void a_column_no_migration_adds_is_closed_by_the_proposed_alter_table() throws IOException {
        Path schema = write("schema.sql", SCHEMA_SQL.replace("name text", "name text, nickname text"));

        CheckResult result = verify("sql:" + schema, false);

        assertThat(result.migration()).hasValueSatisfying(migration -> {
            assertThat(migration.generationError()).isEmpty();
            assertThat(migration.upgrade()).contains("ALTER TABLE public.users ADD COLUMN nickname");
            assertThat(migration.downgrade()).contains("ALTER TABLE public.users DROP COLUMN nickname");
        });
        assertThat(FailureText.render(result)).contains("Upgrade that closes the gap:",
                "ALTER TABLE public.users ADD COLUMN nickname");
    }

    @Test
    void a_failing_statement_of_the_reference_schema_is_named_by_file_line_and_column() throws IOException {
        Path schema = write("schema.sql", "CREATE TABLE users (id int PRIMARY KEY);\nCREATE TABLE orders (id int, total moneyy);\n");

        CheckResult result = verify("sql:" + schema, false);

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(FailureText.render(result)).startsWith("History: the model could not be read: reference SQL file "
                + schema + "\n  " + schema + ":2:36: type \"moneyy\" does not exist\nFix: Correct the statement at "
                + schema + ":2:36");
    }

    @Test
    void update_mode_creates_the_snapshot_file_then_the_file_passes_and_a_new_revision_updates_it() throws IOException {
        Path snapshot = dir.resolve("model/schema.snapshot");

        CheckResult created = verify("snapshot:" + snapshot, true);
        CheckResult unchanged = verify("snapshot:" + snapshot, false);
        pair("0003_nickname", "ALTER TABLE users ADD COLUMN nickname text;", "ALTER TABLE users DROP COLUMN nickname;");
        CheckResult differs = verify("snapshot:" + snapshot, false);
        CheckResult updated = verify("snapshot:" + snapshot, true);

        assertThat(created.outcome()).isEqualTo(Outcome.PASSED);
        assertThat(created.reason()).matches("created " + Pattern.quote(snapshot.toString())
                + " with the head schema \\(\\d+ objects\\)");
        assertThat(unchanged.outcome()).isEqualTo(Outcome.PASSED);
        assertThat(unchanged.reason()).isEmpty();
        assertThat(differs.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(differs.differences()).extracting(ReportedDifference::description)
                .containsExactly("public.users.nickname: unexpected column: text");
        assertThat(differs.fix()).endsWith("if the migrations are right, update the snapshot file: run migrationtest"
                + " verify with --update-snapshot, or the tests with -Dmigrationtest.snapshot.update=true");
        assertThat(updated.reason()).isEqualTo("updated " + snapshot + ": 1 object changed");
        assertThat(Files.readString(snapshot)).contains("column public.users.nickname");
    }

    @Test
    void a_failed_upgrade_leaves_the_check_not_reached_and_the_snapshot_file_unwritten() throws IOException {
        pair("0002_name_index", "CREATE INDEX users_name_idx ON users (nme);", "DROP INDEX users_name_idx;");
        Path snapshot = dir.resolve("schema.snapshot");

        CheckResult result = verify("snapshot:" + snapshot, true);

        assertThat(result.outcome()).isEqualTo(Outcome.NOT_REACHED);
        assertThat(snapshot).doesNotExist();
    }
}
