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
 * A right statement in the wrong place: an enum value used in the transaction that adds it, and a downgrade that drops
 * in the upgrade's order (vaultwarden's {@code DROP TABLE groups} before the tables whose keys name it). The fix says
 * what goes where, and moved there the history passes.
 */
class OrderingFixesTest {

    @TempDir
    Path history;

    @Test
    void a_new_enum_value_used_in_its_own_transaction_is_told_to_move_to_a_later_migration() throws IOException {
        pair("1_mood", "CREATE TYPE mood AS ENUM ('calm');\nCREATE TABLE t (m mood);", "DROP TABLE t;\nDROP TYPE mood;");
        pair("2_tense", "ALTER TYPE mood ADD VALUE 'tense';\nUPDATE t SET m = 'tense';", "SELECT 1;");

        CheckResult upgrade = verify().revision("2").orElseThrow().result(Check.UPGRADES_APPLY).orElseThrow();

        assertThat(upgrade.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(upgrade.error().orElseThrow().message()).contains("unsafe use of new value \"tense\"");
        assertThat(upgrade.fix()).isEqualTo("Use the new enum value in a later migration than the one that adds it (the"
                + " statement at " + history.resolve("2_tense.up.sql") + ":2:18 runs in the transaction that adds it), or run"
                + " this migration outside a transaction where the tool allows it");

        pair("2_tense", "ALTER TYPE mood ADD VALUE 'tense';", "SELECT 1;");
        pair("3_use", "UPDATE t SET m = 'tense';", "SELECT 1;");
        assertThat(verify().revision("3").orElseThrow().result(Check.UPGRADES_APPLY).orElseThrow().outcome())
                .isEqualTo(Outcome.PASSED);
    }

    @Test
    void a_drop_refused_for_its_dependents_is_told_to_drop_them_first() throws IOException {
        pair("1_groups", "CREATE TABLE groups (id int PRIMARY KEY);\nCREATE TABLE members (group_id int REFERENCES groups);",
                "DROP TABLE groups;\nDROP TABLE members;");

        CheckResult down = verify().revision("1").orElseThrow().result(Check.DOWNGRADE_RESTORES_SCHEMA).orElseThrow();

        assertThat(down.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(down.error().orElseThrow().message()).contains("cannot drop table groups because other objects depend");
        assertThat(down.fix()).isEqualTo("Drop what depends on it (the detail names it) before the statement at "
                + history.resolve("1_groups.down.sql") + ":1:1: a downgrade undoes its upgrade in reverse order, and a"
                + " later revision's downgrade drops what that revision made; or drop the dependents with CASCADE there,"
                + " or declare revision 1 irreversible");

        pair("1_groups", "CREATE TABLE groups (id int PRIMARY KEY);\nCREATE TABLE members (group_id int REFERENCES groups);",
                "DROP TABLE members;\nDROP TABLE groups;");
        VerificationReport fixed = verify();
        assertThat(fixed.passed()).as(fixed.toString()).isTrue();
    }

    private void pair(String name, String up, String down) throws IOException {
        Files.writeString(history.resolve(name + ".up.sql"), up + "\n");
        Files.writeString(history.resolve(name + ".down.sql"), down + "\n");
    }

    private VerificationReport verify() {
        return new Verifier(MigrationSources.open(history, SourceOptions.defaults()), VerifierOptions.defaults().withJobs(1))
                .verify(PostgresServer.shared());
    }
}
