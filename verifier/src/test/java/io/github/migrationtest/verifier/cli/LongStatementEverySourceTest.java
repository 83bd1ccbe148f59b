package io.github.migrationtest.verifier.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.migrationtest.verifier.Verifier;
import io.github.migrationtest.verifier.VerifierOptions;
import io.github.migrationtest.verifier.postgres.PostgresServer;
import io.github.migrationtest.verifier.progress.StatementWatch;
import io.github.migrationtest.verifier.report.Check;
import io.github.migrationtest.verifier.report.VerificationReport;
import io.github.migrationtest.verifier.source.SourceOptions;
import io.github.migrationtest.verifier.source.SourceType;
import io.github.migrationtest.verifier.source.MigrationSources;
import io.github.migrationtest.verifier.source.alembic.AlembicPython;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live line watches the server, not the tool: a slow statement shows alike whether Flyway,
 * Liquibase or Alembic (a Python process of its own) runs it.
 */
class LongStatementEverySourceTest {

    private static final String SLOW_LINE = "(?m)^Revision .*, 2 of 2: running [12] s: SELECT pg_sleep\\(2\\.5\\)";

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();

    private String verify(Path location, SourceOptions options) {
        PostgresServer server = PostgresServer.shared();
        ConsoleProgress progress = new ConsoleProgress(new PrintWriter(out), false, () -> false, Duration.ofSeconds(1));
        VerificationReport report;
        try (StatementWatch watch = progress.watch(server)) {
            report = new Verifier(MigrationSources.open(location, options),
                    VerifierOptions.defaults().withJobs(1).withChecks(EnumSet.of(Check.UPGRADES_APPLY)))
                    .verify(server, progress);
        }
        assertThat(report.passed()).as(out.toString()).isTrue();
        return out.toString();
    }

    private Path write(String relative, String content) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }

    @Test
    void flyway() throws IOException {
        write("V1__t.sql", "CREATE TABLE t (id int);\n");
        write("V2__slow.sql", "SELECT pg_sleep(2.5);\n");

        assertThat(verify(dir, SourceOptions.defaults().withType(SourceType.FLYWAY))).containsPattern(SLOW_LINE);
    }

    @Test
    void liquibase() throws IOException {
        Path changelog = write("changelog.sql", """
                --liquibase formatted sql

                --changeset dev:1
                CREATE TABLE t (id int);
                --rollback DROP TABLE t;

                --changeset dev:2
                SELECT pg_sleep(2.5);
                --rollback SELECT 1;
                """);

        assertThat(verify(changelog, SourceOptions.defaults().withType(SourceType.LIQUIBASE))).containsPattern(SLOW_LINE);
    }

    @Test
    void alembic_in_a_python_process_of_its_own() throws IOException {
        String python = AlembicPython.interpreter();
        write("alembic.ini", "[alembic]\nscript_location = %(here)s/migrations\nsqlalchemy.url = postgresql://nobody@127.0.0.2:1/x\n");
        write("migrations/versions/a1_t.py", revision("a1", "None", "op.execute('CREATE TABLE t (id int)')",
                "op.execute('DROP TABLE t')"));
        write("migrations/versions/b2_slow.py", revision("b2", "'a1'", "op.execute('SELECT pg_sleep(2.5)')",
                "op.execute('SELECT 1')"));

        assertThat(verify(dir, SourceOptions.defaults().withType(SourceType.ALEMBIC).withAlembicPython(python)
                .withAlembicEnv("minimal")))
                .containsPattern(SLOW_LINE);
    }

    private static String revision(String id, String down, String upgrade, String downgrade) {
        return "from alembic import op\n\nrevision = '" + id + "'\ndown_revision = " + down
                + "\nbranch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n    " + upgrade
                + "\n\n\ndef downgrade():\n    " + downgrade + "\n";
    }
}
