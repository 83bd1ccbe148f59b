package io.github.migrationtest.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.migrationtest.verifier.postgres.DisposableDatabase;
import io.github.migrationtest.verifier.postgres.MigrationLogin;
import io.github.migrationtest.verifier.postgres.PostgresServer;
import io.github.migrationtest.verifier.postgres.PostgresSettings;
import io.github.migrationtest.verifier.report.Check;
import io.github.migrationtest.verifier.report.CheckResult;
import io.github.migrationtest.verifier.report.Outcome;
import io.github.migrationtest.verifier.report.StatementError;
import io.github.migrationtest.verifier.report.VerificationReport;
import io.github.migrationtest.verifier.source.MigrationSources;
import io.github.migrationtest.verifier.source.SourceOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A role another run of the same history made on a shared server is reported with why, and what to do. */
class ServerWideDuplicateTest {

    @TempDir
    Path history;

    @Test
    void a_role_that_already_exists_on_the_server_is_explained_as_another_runs() throws Exception {
        String role = "dup_" + Integer.toHexString(ThreadLocalRandom.current().nextInt() >>> 1);
        Files.writeString(history.resolve("0001_reader.up.sql"), "CREATE ROLE " + role + " NOLOGIN;\n");
        Files.writeString(history.resolve("0001_reader.down.sql"), "DROP ROLE " + role + ";\n");
        // Roles need more than the run's own role may do: as the server's user, as such a history is run.
        PostgresServer server = PostgresServer.shared(PostgresSettings.fromEnvironment()
                .withMigrations(MigrationLogin.SERVER_USER));
        try (DisposableDatabase other = server.createDatabase(); Connection otherRun = other.connect();
                Statement statement = otherRun.createStatement()) {
            statement.execute("CREATE ROLE " + role + " NOLOGIN"); // what a concurrent run's upgrade did
            try {
                VerificationReport report = new Verifier(MigrationSources.open(history, SourceOptions.defaults()),
                        VerifierOptions.defaults().withJobs(1)).verify(server);

                CheckResult upgrade = report.revision("0001").orElseThrow().result(Check.UPGRADES_APPLY).orElseThrow();
                assertThat(upgrade.outcome()).isEqualTo(Outcome.FAILED);
                assertThat(upgrade.error().map(StatementError::message).orElse(""))
                        .contains("role \"" + role + "\" already exists")
                        .contains("another run of this history on the same server")
                        .contains("--init script");
            } finally {
                statement.execute("DROP ROLE " + role);
            }
        }
    }
}
