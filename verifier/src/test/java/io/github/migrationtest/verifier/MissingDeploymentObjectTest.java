package io.github.migrationtest.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.migrationtest.verifier.postgres.PostgresServer;
import io.github.migrationtest.verifier.report.Check;
import io.github.migrationtest.verifier.report.CheckResult;
import io.github.migrationtest.verifier.report.Outcome;
import io.github.migrationtest.verifier.report.VerificationReport;
import io.github.migrationtest.verifier.source.MigrationFailure;
import io.github.migrationtest.verifier.source.MigrationSources;
import io.github.migrationtest.verifier.source.SourceOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A role or schema the deployment makes and no migration does ({@code GRANT ... TO readonly}, a key to Supabase's
 * {@code auth.users}) is the environment's lack, not the statement's: the fix names an init script, where the history
 * then passes.
 */
class MissingDeploymentObjectTest {

    @TempDir
    Path history;

    @Test
    void a_role_no_revision_creates_is_named_for_an_init_script_where_the_history_passes() throws IOException {
        String role = "Readonly_" + ProcessHandle.current().pid() + "_" + System.nanoTime(); // quoted: mixed case
        Files.writeString(history.resolve("1_t.up.sql"), "CREATE TABLE t (id int);\nGRANT SELECT ON t TO \"" + role
                + "\";\n");
        Files.writeString(history.resolve("1_t.down.sql"), "DROP TABLE t;\n");

        CheckResult upgrade = verify(List.of()).revisions().get(0).result(Check.UPGRADES_APPLY).orElseThrow();

        assertThat(upgrade.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(upgrade.error().orElseThrow().message())
                .contains("role \"" + role + "\" does not exist")
                .contains("no revision before this statement creates it");
        assertThat(upgrade.fix()).isEqualTo("Create role " + role + " in an init script (CREATE ROLE \"" + role
                + "\";), as your deployment does, or in a migration before " + history.resolve("1_t.up.sql") + ":2:1");
        assertPassesWithInit("CREATE ROLE \"" + role + "\";\n");
    }

    @Test
    void a_schema_no_revision_creates_is_named_for_an_init_script_where_the_history_passes() throws IOException {
        Files.writeString(history.resolve("1_profiles.up.sql"), "CREATE TABLE profiles (id int PRIMARY KEY);\n"
                + "ALTER TABLE profiles ADD COLUMN user_id uuid REFERENCES auth.users (id);\n");
        Files.writeString(history.resolve("1_profiles.down.sql"), "DROP TABLE profiles;\n");

        CheckResult upgrade = verify(List.of()).revisions().get(0).result(Check.UPGRADES_APPLY).orElseThrow();

        assertThat(upgrade.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(upgrade.error().orElseThrow().message()).contains("schema \"auth\" does not exist")
                .contains("Supabase's auth");
        assertThat(upgrade.fix()).isEqualTo("Create schema auth in an init script (CREATE SCHEMA auth;), as your deployment"
                + " does, or in a migration before " + history.resolve("1_profiles.up.sql") + ":2:1");
        assertPassesWithInit("CREATE SCHEMA auth;\nCREATE TABLE auth.users (id uuid PRIMARY KEY);\n");
    }

    /** A downgrade that drops what is not there is the history's own mistake: no init script for it. */
    @Test
    void a_drop_of_a_schema_that_is_not_there_keeps_the_fix_of_its_statement() throws IOException {
        Files.writeString(history.resolve("1_t.up.sql"), "CREATE TABLE t (id int);\n");
        Files.writeString(history.resolve("1_t.down.sql"), "DROP TABLE t;\n-- left from an older layout\nDROP SCHEMA legacy;\n");

        CheckResult down = verify(List.of()).revisions().get(0).result(Check.DOWNGRADE_RESTORES_SCHEMA).orElseThrow();

        assertThat(down.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(down.error().orElseThrow().message()).contains("schema \"legacy\" does not exist")
                .doesNotContain("init script");
        assertThat(down.fix()).isEqualTo("Fix the statement at " + history.resolve("1_t.down.sql") + ":3:1, or declare"
                + " revision 1 irreversible");
    }

    /**
     * A statement as a tool reports it may keep the comments before it (of either kind): a drop after them is still the
     * history's own mistake, and anything else missing a schema still gets the init script.
     */
    @Test
    void a_drop_after_comments_of_either_kind_is_still_a_drop() {
        for (String statement : List.of("DROP SCHEMA legacy", "-- older layout\nDROP SCHEMA legacy",
                "/* kept for\n   old installs */ DROP SCHEMA legacy", "-- a\n/* b */\n-- c\ndrop schema legacy")) {
            assertThat(FailureExplanations.explain(missingSchema(statement))).as(statement).isEmpty();
        }
        assertThat(FailureExplanations.explain(missingSchema("/* DROP later */ CREATE TABLE legacy.t (id int)")))
                .hasValueSatisfying(explained -> assertThat(explained.fix()).contains("init script"));
    }

    private static MigrationFailure missingSchema(String statement) {
        return new MigrationFailure("1_t.down.sql", 3, 1, "schema \"legacy\" does not exist", "", "", "3F000", statement);
    }

    /** Not the deployment's lack: production's database name, which no other environment has. */
    @Test
    void a_statement_naming_productions_database_is_told_to_name_its_own() throws IOException {
        Files.writeString(history.resolve("1_tz.up.sql"), "ALTER DATABASE myapp SET timezone TO 'UTC';\n");
        Files.writeString(history.resolve("1_tz.down.sql"), "ALTER DATABASE myapp RESET timezone;\n");

        CheckResult upgrade = verify(List.of()).revisions().get(0).result(Check.UPGRADES_APPLY).orElseThrow();

        assertThat(upgrade.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(upgrade.error().orElseThrow().message()).contains("database \"myapp\" does not exist")
                .contains("format('ALTER DATABASE %I SET timezone TO ''UTC''', current_database())");
        assertThat(upgrade.fix()).isEqualTo("Name the database the statement at " + history.resolve("1_tz.up.sql")
                + ":1:1 runs in through current_database() (see the hint), not by production's name");

        // As the hint says: the round trip then passes, the setting compared like any other.
        Files.writeString(history.resolve("1_tz.up.sql"), "DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET timezone"
                + " TO ''UTC''', current_database()); END $$;\n");
        Files.writeString(history.resolve("1_tz.down.sql"), "DO $$ BEGIN EXECUTE format('ALTER DATABASE %I RESET"
                + " timezone', current_database()); END $$;\n");
        VerificationReport fixed = verify(List.of());
        assertThat(fixed.passed()).as(fixed.toString()).isTrue();
    }

    private void assertPassesWithInit(String sql) throws IOException {
        Path init = Files.writeString(history.resolveSibling(history.getFileName() + "-init.sql"), sql);
        try {
            VerificationReport report = verify(List.of(init));
            assertThat(report.passed()).as(report.toString()).isTrue();
        } finally {
            Files.delete(init);
        }
    }

    private VerificationReport verify(List<Path> initScripts) {
        return new Verifier(MigrationSources.open(history, SourceOptions.defaults()),
                VerifierOptions.defaults().withJobs(1).withInitScripts(initScripts)).verify(PostgresServer.shared());
    }
}
