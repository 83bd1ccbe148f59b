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

/** An extension the server does not have (PostGIS on the embedded Postgres) is the server's lack, not the statement's. */
class MissingExtensionTest {

    @TempDir
    Path history;

    @Test
    void an_extension_the_server_lacks_names_the_ways_to_a_server_that_has_it() throws IOException {
        Files.writeString(history.resolve("1_geo.up.sql"), "CREATE TABLE places (id int);\n"
                + "CREATE EXTENSION IF NOT EXISTS migrationtest_absent_extension;\n");
        Files.writeString(history.resolve("1_geo.down.sql"), "DROP TABLE places;\n");

        VerificationReport report = new Verifier(MigrationSources.open(history, SourceOptions.defaults()),
                VerifierOptions.defaults().withJobs(1)).verify(PostgresServer.shared());

        CheckResult upgrade = report.revisions().get(0).result(Check.UPGRADES_APPLY).orElseThrow();
        assertThat(upgrade.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(upgrade.error().orElseThrow().message())
                .contains("extension \"migrationtest_absent_extension\" is not available")
                .contains("does not have extension migrationtest_absent_extension installed")
                .contains("--backend testcontainers with MIGRATIONTEST_POSTGRES_IMAGE")
                .contains("-Dmigrationtest.embedded.binaries=");
        assertThat(upgrade.fix()).isEqualTo("Verify on a Postgres that has extension migrationtest_absent_extension"
                + " installed (see the hint); the statement at " + history.resolve("1_geo.up.sql") + ":2:1 is not at fault");
    }
}
