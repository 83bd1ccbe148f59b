package io.github.migrationtest.verifier.safety;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.migrationtest.verifier.Verifier;
import io.github.migrationtest.verifier.VerifierOptions;
import io.github.migrationtest.verifier.postgres.Backend;
import io.github.migrationtest.verifier.postgres.PostgresServer;
import io.github.migrationtest.verifier.postgres.PostgresSettings;
import io.github.migrationtest.verifier.report.VerificationReport;
import io.github.migrationtest.verifier.source.Direction;
import io.github.migrationtest.verifier.source.MigrationSources;
import io.github.migrationtest.verifier.source.SourceOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Data loss the schema diff finds is placed at the statement that made it when the statement names the object (file
 * and line), on a real Postgres; a change made another way (a DO block) stays at the file without a line.
 */
class DataLossPlacesTest {

    @TempDir
    Path history;

    @Test
    void a_drop_or_a_narrowing_is_placed_at_the_statement_that_names_it() throws IOException {
        write("0001_base.up.sql", """
                CREATE SCHEMA app;
                CREATE TABLE app."Accounts" (id int, "Email" text, nick varchar(40), note text, legacy text);
                CREATE TYPE app.mood AS ENUM ('ok');
                CREATE TYPE gone_too AS ENUM ('x');""");
        write("0001_base.down.sql", "DROP SCHEMA app CASCADE;\nDROP TYPE gone_too;");
        write("0002_contract.up.sql", """
                SET lock_timeout = '2s';
                ALTER TABLE app."Accounts" ADD COLUMN created date;
                ALTER TABLE ONLY app."Accounts"
                    ALTER COLUMN nick TYPE varchar(10),
                    DROP COLUMN IF EXISTS "Email";
                DROP TYPE IF EXISTS app.mood, gone_too;
                DO $$ BEGIN EXECUTE 'ALTER TABLE app."Accounts" DROP COLUMN legacy'; END $$;
                ALTER TABLE app."Accounts" DROP COLUMN note;""");
        write("0002_contract.down.sql", """
                CREATE TYPE gone_too AS ENUM ('x');
                CREATE TYPE app.mood AS ENUM ('ok');
                ALTER TABLE app."Accounts" DROP COLUMN created, ADD COLUMN "Email" text, ADD COLUMN note text,
                    ADD COLUMN legacy text, ALTER COLUMN nick TYPE varchar(40);""");

        VerificationReport report = new Verifier(MigrationSources.open(history, SourceOptions.defaults()),
                VerifierOptions.defaults().withJobs(1)).verify(PostgresServer.shared(
                        PostgresSettings.fromEnvironment().withBackend(Backend.EMBEDDED)));

        List<String> up = report.revision("0002").orElseThrow().safety().stream()
                .filter(f -> f.direction() == Direction.UP && f.evidence() == Evidence.SCHEMA_DIFF)
                .map(f -> f.finding() + " " + f.object() + " at " + f.location().replace(history + "/", "")).sorted()
                .toList();
        assertThat(up).as(SafetyCorpusTest.details(report)).containsExactly(
                "DROPS_COLUMN app.\"Accounts\".\"Email\" at 0002_contract.up.sql:3",
                "DROPS_COLUMN app.\"Accounts\".legacy at 0002_contract.up.sql",
                "DROPS_COLUMN app.\"Accounts\".note at 0002_contract.up.sql:8",
                "DROPS_TYPE_OR_LABEL type app.mood at 0002_contract.up.sql:6",
                "DROPS_TYPE_OR_LABEL type public.gone_too at 0002_contract.up.sql:6",
                "NARROWS_COLUMN_TYPE app.\"Accounts\".nick at 0002_contract.up.sql:3");
    }

    @Test
    void a_column_dropped_on_a_partitioned_table_is_one_loss_reported_on_the_parent() throws IOException {
        write("0001_events.up.sql", """
                CREATE TABLE events (id int, day date, payload text) PARTITION BY RANGE (day);
                CREATE TABLE events_1 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2024-02-01');
                CREATE TABLE events_2 PARTITION OF events FOR VALUES FROM ('2024-02-01') TO ('2024-03-01');
                CREATE TABLE audit (id int, payload text);""");
        write("0001_events.down.sql", "DROP TABLE events, audit;");
        write("0002_drop_payload.up.sql", "ALTER TABLE events DROP COLUMN payload;\nALTER TABLE audit DROP COLUMN payload;");
        write("0002_drop_payload.down.sql", "ALTER TABLE events ADD COLUMN payload text;\nALTER TABLE audit ADD COLUMN payload text;");

        VerificationReport report = new Verifier(MigrationSources.open(history, SourceOptions.defaults()),
                VerifierOptions.defaults().withJobs(1)).verify(PostgresServer.shared(
                        PostgresSettings.fromEnvironment().withBackend(Backend.EMBEDDED)));

        List<String> up = report.revision("0002").orElseThrow().safety().stream()
                .filter(f -> f.direction() == Direction.UP && f.finding() == Finding.DROPS_COLUMN)
                .map(f -> f.object() + " at " + f.location().replace(history + "/", "")).sorted().toList();
        assertThat(up).as(SafetyCorpusTest.details(report)).containsExactly(
                "public.audit.payload at 0002_drop_payload.up.sql:2", "public.events.payload at 0002_drop_payload.up.sql:1");
    }

    @Test
    void a_column_dropped_and_added_again_under_its_name_loses_its_values_whatever_the_types() throws IOException {
        // top-leader-be's V1.0.0.2: the column comes back as jsonb; it was reported as a narrowing, without a line.
        write("0001_coach.up.sql", "CREATE TABLE coach (id int, languages varchar(255), bio text);");
        write("0001_coach.down.sql", "DROP TABLE coach;");
        write("0002_languages.up.sql", """
                ALTER TABLE coach DROP COLUMN IF EXISTS languages;
                ALTER TABLE coach ADD COLUMN languages jsonb DEFAULT '[]';""");
        write("0002_languages.down.sql", "ALTER TABLE coach DROP COLUMN languages;\n"
                + "ALTER TABLE coach ADD COLUMN languages varchar(255);");

        VerificationReport report = new Verifier(MigrationSources.open(history, SourceOptions.defaults()),
                VerifierOptions.defaults().withJobs(1)).verify(PostgresServer.shared(
                        PostgresSettings.fromEnvironment().withBackend(Backend.EMBEDDED)));

        List<String> found = report.revision("0002").orElseThrow().safety().stream()
                .filter(f -> f.evidence() == Evidence.SCHEMA_DIFF)
                .map(f -> f.direction() + " " + f.finding() + " " + f.object() + " at "
                        + f.location().replace(history + "/", "")).sorted().toList();
        assertThat(found).as(SafetyCorpusTest.details(report)).containsExactly(
                "DOWN DROPS_COLUMN public.coach.languages at 0002_languages.down.sql:1",
                "UP DROPS_COLUMN public.coach.languages at 0002_languages.up.sql:1");
    }

    private void write(String name, String sql) throws IOException {
        Files.writeString(history.resolve(name), sql + "\n");
    }
}
