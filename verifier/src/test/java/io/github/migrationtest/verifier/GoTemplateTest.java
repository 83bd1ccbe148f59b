package io.github.migrationtest.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.migrationtest.verifier.postgres.PostgresServer;
import io.github.migrationtest.verifier.report.Check;
import io.github.migrationtest.verifier.report.CheckResult;
import io.github.migrationtest.verifier.report.Outcome;
import io.github.migrationtest.verifier.source.MigrationSources;
import io.github.migrationtest.verifier.source.SourceOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GoTrue's (Supabase Auth's) migrations are gobuffalo/pop templates, {@code {{ index .Options "Namespace" }}.users},
 * which pop renders before running them: verified as written, Postgres stops at the brace, and the user was told to
 * fix a statement that is right for its tool. A brace that is only a mistake is still the statement's to fix.
 */
class GoTemplateTest {

    @TempDir
    Path history;

    @Test
    void a_pop_template_is_told_to_be_rendered_not_fixed() throws IOException {
        up("00_init_auth_schema", "-- auth.users definition\n\nCREATE TABLE IF NOT EXISTS"
                + " {{ index .Options \"Namespace\" }}.users (\n\tid uuid NOT NULL UNIQUE,\n\temail varchar(255) NULL\n);");

        CheckResult upgrade = upgrade("00");

        assertThat(upgrade.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(upgrade.error().orElseThrow().message()).startsWith("syntax error at or near \"{\"")
                .contains("This statement holds a Go template action ({{ index .Options \"Namespace\" }})");
        assertThat(upgrade.fix()).isEqualTo("Render the templates into plain SQL, with the values your deployment gives"
                + " them, in a copy of the folder and verify that; the statement at "
                + history.resolve("00_init_auth_schema.up.sql") + ":3:28 is not the mistake");
    }

    @Test
    void a_stray_brace_is_still_the_statement_to_fix() throws IOException {
        up("1_users", "CREATE TABLE users (id int, tags text[] DEFAULT {});");

        CheckResult upgrade = upgrade("1");

        assertThat(upgrade.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(upgrade.fix()).isEqualTo("Fix the statement at " + history.resolve("1_users.up.sql") + ":1:49");
    }

    private CheckResult upgrade(String revision) {
        return new Verifier(MigrationSources.open(history, SourceOptions.defaults()), VerifierOptions.defaults().withJobs(1))
                .verify(PostgresServer.shared()).revision(revision).orElseThrow().result(Check.UPGRADES_APPLY)
                .orElseThrow();
    }

    private void up(String name, String sql) throws IOException {
        Files.writeString(history.resolve(name + ".up.sql"), sql + "\n");
        Files.writeString(history.resolve(name + ".down.sql"), "SELECT 1;\n");
    }
}
