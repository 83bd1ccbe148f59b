package io.github.migrationtest.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.migrationtest.verifier.postgres.MigrationLogin;
import io.github.migrationtest.verifier.postgres.PostgresServer;
import io.github.migrationtest.verifier.postgres.PostgresSettings;
import io.github.migrationtest.verifier.report.Check;
import io.github.migrationtest.verifier.report.CheckResult;
import io.github.migrationtest.verifier.report.Outcome;
import io.github.migrationtest.verifier.report.StatementError;
import io.github.migrationtest.verifier.source.MigrationSources;
import io.github.migrationtest.verifier.source.SourceOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A downgrade that drops PL/pgSQL (glint's dbmate {@code DROP EXTENSION IF EXISTS plpgsql}, run with
 * {@code --superuser-migrations}) is refused only for the verifier's own DDL recorder, whose event triggers' functions
 * are PL/pgSQL: it was told to drop the recorder's functions first. The recorder is no longer named; where nothing of
 * the history depends on the language, the failure says what the statement does where the verifier is not watching.
 */
class RecorderDependentsTest {

    @TempDir
    Path history;

    @Test
    void a_downgrade_dropping_plpgsql_is_not_told_to_drop_the_recorder() throws IOException {
        pair("1_init", "CREATE EXTENSION IF NOT EXISTS plpgsql WITH SCHEMA pg_catalog;\nCREATE TABLE t (id int);",
                "DROP TABLE t;\nDROP EXTENSION IF EXISTS plpgsql;");

        CheckResult down = downgrade();

        assertThat(down.outcome()).isEqualTo(Outcome.FAILED);
        StatementError error = down.error().orElseThrow();
        assertThat(error.message()).contains("cannot drop extension plpgsql because other objects depend on it")
                .doesNotContain("DETAIL").doesNotContain("command_end").doesNotContain("CASCADE")
                .contains("Nothing of the history depends on it, only the verifier's own DDL recorder");
        assertThat(down.fix()).isEqualTo("Keep PL/pgSQL: remove the statement at " + history.resolve("1_init.down.sql")
                + ":2:1, or declare revision 1 irreversible");
    }

    @Test
    void a_drop_of_plpgsql_with_dependents_of_the_history_names_only_those() throws IOException {
        pair("1_init", "CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;",
                "DROP EXTENSION plpgsql;\nDROP FUNCTION touch();");

        CheckResult down = downgrade();

        assertThat(down.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(down.error().orElseThrow().message())
                .contains("DETAIL: function touch() depends on language plpgsql HINT:").doesNotContain("migrationtest_");
        assertThat(down.fix()).startsWith("Drop what depends on it (the detail names it) before the statement at "
                + history.resolve("1_init.down.sql") + ":1:1");
    }

    private CheckResult downgrade() {
        PostgresServer superuserMigrations = PostgresServer.shared(
                PostgresSettings.fromEnvironment().withMigrations(MigrationLogin.SERVER_USER));
        return new Verifier(MigrationSources.open(history, SourceOptions.defaults()), VerifierOptions.defaults().withJobs(1))
                .verify(superuserMigrations).revision("1").orElseThrow().result(Check.DOWNGRADE_RESTORES_SCHEMA)
                .orElseThrow();
    }

    private void pair(String name, String up, String down) throws IOException {
        Files.writeString(history.resolve(name + ".up.sql"), up + "\n");
        Files.writeString(history.resolve(name + ".down.sql"), down + "\n");
    }
}
