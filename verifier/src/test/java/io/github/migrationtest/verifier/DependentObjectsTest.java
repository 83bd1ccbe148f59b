package io.github.migrationtest.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.migrationtest.verifier.postgres.PostgresServer;
import io.github.migrationtest.verifier.report.Check;
import io.github.migrationtest.verifier.report.CheckResult;
import io.github.migrationtest.verifier.report.Outcome;
import io.github.migrationtest.verifier.report.VerificationReport;
import io.github.migrationtest.verifier.source.MigrationSources;
import io.github.migrationtest.verifier.source.SourceOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A downgrade that drops in the upgrade's order (vaultwarden's {@code DROP TABLE groups} before the tables whose keys
 * name it): the fix says what goes first, and in reverse order it passes.
 */
class DependentObjectsTest {

    @TempDir
    Path history;

    @Test
    void a_drop_refused_for_its_dependents_is_told_to_drop_them_first() throws IOException {
        write("CREATE TABLE groups (id int PRIMARY KEY);\nCREATE TABLE members (group_id int REFERENCES groups);",
                "DROP TABLE groups;\nDROP TABLE members;");

        CheckResult down = verify().revision("1").orElseThrow().result(Check.DOWNGRADE_RESTORES_SCHEMA).orElseThrow();

        assertThat(down.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(down.error().orElseThrow().message()).contains("cannot drop table groups because other objects depend");
        assertThat(down.fix()).isEqualTo("Drop what depends on it (the detail names it) before the statement at "
                + history.resolve("1_groups.down.sql") + ":1:1: a downgrade undoes its upgrade in reverse order, and a"
                + " later revision's downgrade drops what that revision made; or drop the dependents with CASCADE there,"
                + " or declare revision 1 irreversible");

        write("CREATE TABLE groups (id int PRIMARY KEY);\nCREATE TABLE members (group_id int REFERENCES groups);",
                "DROP TABLE members;\nDROP TABLE groups;");
        VerificationReport fixed = verify();
        assertThat(fixed.passed()).as(fixed.toString()).isTrue();
    }

    private void write(String up, String down) throws IOException {
        Files.writeString(history.resolve("1_groups.up.sql"), up + "\n");
        Files.writeString(history.resolve("1_groups.down.sql"), down + "\n");
    }

    private VerificationReport verify() {
        return new Verifier(MigrationSources.open(history, SourceOptions.defaults()), VerifierOptions.defaults().withJobs(1))
                .verify(PostgresServer.shared());
    }
}
