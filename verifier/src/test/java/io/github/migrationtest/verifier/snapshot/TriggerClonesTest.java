package io.github.migrationtest.verifier.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.migrationtest.verifier.postgres.Backend;
import io.github.migrationtest.verifier.postgres.DisposableDatabase;
import io.github.migrationtest.verifier.postgres.PostgresServer;
import io.github.migrationtest.verifier.postgres.PostgresSettings;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A partition's clone of its parent's trigger is in the snapshot on every server: before Postgres 15 it is marked
 * internal, and a downgrade that left it disabled or commented passed on 14, though {@code pg_dump} shows both.
 */
class TriggerClonesTest {

    @ParameterizedTest(name = "Postgres {0}")
    @ValueSource(ints = {14, 17})
    void a_partition_s_clone_of_a_trigger_is_read_with_its_own_state_and_comment(int major) throws Exception {
        PostgresSettings settings = PostgresSettings.fromEnvironment().withBackend(Backend.EMBEDDED).withMajorVersion(major);
        try (PostgresServer server = PostgresServer.start(settings);
             DisposableDatabase db = server.createDatabase();
             Connection connection = db.connect();
             Statement statement = connection.createStatement()) {
            statement.execute("""
                    CREATE TABLE public.p (id int, k int) PARTITION BY RANGE (k);
                    CREATE TABLE public.p1 PARTITION OF public.p FOR VALUES FROM (0) TO (10);
                    CREATE TABLE public.r (id int PRIMARY KEY);
                    ALTER TABLE public.p ADD FOREIGN KEY (id) REFERENCES public.r (id);
                    CREATE FUNCTION public.trg() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NULL; END';
                    CREATE TRIGGER ptr AFTER INSERT ON public.p FOR EACH ROW EXECUTE FUNCTION public.trg();
                    """);
            String before = SnapshotText.render(SnapshotReader.read(connection));
            assertThat(before).contains("trigger public.p1.ptr").doesNotContain("RI_ConstraintTrigger");

            statement.execute("ALTER TABLE public.p1 DISABLE TRIGGER ptr; COMMENT ON TRIGGER ptr ON public.p1 IS 'x'");
            String after = SnapshotText.render(SnapshotReader.read(connection));
            assertThat(after).isNotEqualTo(before);
        }
    }
}
