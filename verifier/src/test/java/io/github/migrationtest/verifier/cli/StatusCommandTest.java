package io.github.migrationtest.verifier.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.migrationtest.verifier.postgres.DisposableDatabase;
import io.github.migrationtest.verifier.postgres.PostgresServer;
import io.github.migrationtest.verifier.source.MigrationSource;
import io.github.migrationtest.verifier.source.MigrationSources;
import io.github.migrationtest.verifier.source.SourceOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code migrationtest status} end to end: a second disposable database plays the live one. */
class StatusCommandTest {

    @TempDir
    Path dir;
    private Path history;
    private DisposableDatabase live;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void setUp() throws IOException {
        history = Files.createDirectory(dir.resolve("migrations"));
        Files.writeString(history.resolve("0001_users.up.sql"), "CREATE TABLE users (id int PRIMARY KEY, name text);\n");
        Files.writeString(history.resolve("0001_users.down.sql"), "DROP TABLE users;\n");
        Files.writeString(history.resolve("0002_name_index.up.sql"), "CREATE INDEX users_name_idx ON users (name);\n");
        Files.writeString(history.resolve("0002_name_index.down.sql"), "DROP INDEX users_name_idx;\n");
        live = PostgresServer.shared().createDatabase();
    }

    @AfterEach
    void drop() {
        live.close();
    }

    private void upgradeLive(int count, String... handMade) throws Exception {
        MigrationSource source = MigrationSources.open(history, SourceOptions.defaults());
        try (Connection connection = live.connect(); Statement statement = connection.createStatement()) {
            for (int i = 0; i < count; i++) {
                source.upgrade(source.revisions().get(i), connection);
            }
            for (String sql : handMade) {
                statement.execute(sql);
            }
        }
    }

    private int status(String... more) {
        String[] args = new String[6 + more.length];
        args[0] = "status";
        args[1] = history.toString();
        args[2] = "--postgres-url";
        args[3] = live.jdbcUrl();
        args[4] = "--backend";
        args[5] = "embedded";
        System.arraycopy(more, 0, args, 6, more.length);
        String[] withUser = live.user() == null ? args : concat(args, "--user", live.user());
        String[] withPassword = live.password() == null ? withUser : concat(withUser, "--password", live.password());
        return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), withPassword);
    }

    private static String[] concat(String[] args, String... more) {
        String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return all;
    }

    @Test
    void a_live_database_at_head_exits_0_and_writes_every_report() throws Exception {
        upgradeLive(2);
        Path json = dir.resolve("out/status.json");
        Path xml = dir.resolve("out/status.xml");
        Path markdown = dir.resolve("out/status.md");

        int exit = status("--json", json.toString(), "--junit-xml", xml.toString(), "--markdown", markdown.toString());

        assertThat(exit).as(out + "\n" + err).isZero();
        assertThat(out.toString()).contains("Applied versions: public.schema_migrations (golang-migrate)",
                "Revision: 0002 (name index) (head)", "Schema: matches revision 0002 (name index)",
                "Status: in sync at 0002 (name index)");
        assertThat(Files.readString(json)).contains("\"inSync\":true", "\"revision\":\"0002 (name index)\"",
                "\"pending\":[]", "\"drift\":{\"expected\":\"revision 0002 (name index)\",\"differs\":false");
        assertThat(Files.readString(xml)).contains("<testsuite name=\"migrationtest status\" tests=\"3\" failures=\"0\"",
                "name=\"LIVE_MATCHES_ITS_REVISION\"");
        assertThat(Files.readString(markdown)).startsWith("## migrationtest status: ✅ in sync at 0002 (name index)");
    }

    @Test
    void a_behind_and_drifted_database_exits_1_with_the_differences_and_the_sql_not_run() throws Exception {
        upgradeLive(1, "ALTER TABLE users ALTER COLUMN name TYPE varchar(80)");
        Path json = dir.resolve("status.json");
        Path xml = dir.resolve("status.xml");

        int exit = status("--json", json.toString(), "--junit-xml", xml.toString());

        assertThat(exit).as(out + "\n" + err).isEqualTo(1);
        assertThat(out.toString()).contains("Revision: 0001 (users)", "Pending (in the history, never applied): 1",
                "  0002 (name index)",
                "Schema: 1 difference from revision 0001 (users) (expected -> live)",
                "  public.users.name: type text -> character varying(80)",
                "SQL that would bring the live database in line with revision 0001 (users) (not run by migrationtest):",
                "ALTER TABLE public.users ALTER COLUMN name TYPE text",
                "Status: at 0001 (users), behind by 1, drifted from 0001 (users)");
        assertThat(Files.readString(json)).contains("\"inSync\":false",
                "{\"path\":\"public.users.name\",\"kind\":\"changed type\",\"expected\":\"text\",\"actual\":\"character varying(80)\"");
        assertThat(Files.readString(xml)).contains("failures=\"2\"", "<failure message=\"it is not true that the live"
                + " database is at the history's head");
    }

    @Test
    void without_the_live_database_it_exits_2_and_says_what_is_missing() {
        int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), "status", history.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("status needs the live database: --postgres-url jdbc:postgresql://");
    }

    @Test
    void an_unreachable_live_database_exits_2() {
        int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), "status", history.toString(),
                "--postgres-url", "jdbc:postgresql://127.0.0.1:1/nothing", "--backend", "embedded");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).startsWith("migrationtest: ").contains("127.0.0.1:1");
    }
}
