package io.github.migrationtest.verifier.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line end to end, on the embedded Postgres: exit codes, output and report files. */
class CommandLineTest {

    @TempDir
    Path dir;
    private Path history;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void writeHistory() throws IOException {
        history = Files.createDirectory(dir.resolve("migrations"));
        write("0001_users.up.sql", "CREATE TABLE users (id int PRIMARY KEY, name text);");
        write("0001_users.down.sql", "DROP TABLE users;");
        write("0002_name_index.up.sql", "CREATE INDEX users_name_idx ON users (name);");
        write("0002_name_index.down.sql", "DROP INDEX users_name_idx;");
    }

    private void write(String name, String sql) throws IOException {
        Files.writeString(history.resolve(name), sql + "\n");
    }

    private int run(String... args) {
        return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void a_sound_history_exits_0_with_a_line_per_revision_and_a_summary() {
        int exit = run("verify", history.toString(), "--backend", "embedded");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString())
                .contains("[1/2] 0001 (users)", "up ok  down ok  reup ok")
                .contains("[2/2] 0002 (name index)")
                .containsPattern("\\d+ passed, 0 failed, 0 skipped, 0 not reached in ");
    }

    @Test
    void a_broken_downgrade_exits_1_and_writes_every_report() throws IOException {
        write("0002_name_index.down.sql", "SELECT 1;");
        Path json = dir.resolve("out/report.json");
        Path xml = dir.resolve("out/report.xml");
        Path markdown = dir.resolve("out/summary.md");

        int exit = run("verify", history.toString(), "--json", json.toString(), "--junit-xml", xml.toString(),
                "--markdown", markdown.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString()).contains("Revision 0002 (name index): the downgrade did not restore the schema",
                "  public.users_name_idx: unexpected index: CREATE INDEX users_name_idx ON public.users USING btree (name)",
                "Fix: Make " + history.resolve("0002_name_index.down.sql"));
        assertThat(Files.readString(json))
                .contains("\"passed\":false")
                .contains("\"DOWNGRADE_RESTORES_SCHEMA\":{\"outcome\":\"FAILED\"")
                .contains("{\"path\":\"public.users_name_idx\",\"kind\":\"unexpected\",\"expected\":null,");
        assertThat(Files.readString(xml))
                .contains("<testcase classname=\"revision 0002 (name index)\" name=\"DOWNGRADE_RESTORES_SCHEMA\"")
                .contains("<failure message=\"the downgrade did not restore the schema\">");
        assertThat(Files.readString(markdown)).contains("| 0002 (name index) | ✅ | ❌ | ❌ |");
    }

    @Test
    void options_reach_the_verifier() {
        write_unchecked("0002_name_index.down.sql", "SELECT 1;");
        int exit = run("verify", history.toString(), "--irreversible", "0002=keeps the index for reporting",
                "--checks", "UPGRADES_APPLY,DOWNGRADE_RESTORES_SCHEMA");

        assertThat(exit).as(out.toString()).isZero();
        assertThat(out.toString()).contains("[2/2] 0002 (name index)", "down skipped").doesNotContain("reup ok");
    }

    @Test
    void a_flyway_baseline_is_upgraded_and_not_round_tripped_the_versions_after_it_are() throws IOException {
        Path flyway = Files.createDirectory(dir.resolve("baselined"));
        Files.writeString(flyway.resolve("V1__users.sql"), "CREATE TABLE users (id int);\n");
        Files.writeString(flyway.resolve("B1__baseline.sql"), "CREATE TABLE users (id int);\n");
        Files.writeString(flyway.resolve("V2__names.sql"), "ALTER TABLE users ADD COLUMN name text;\n");
        Files.writeString(flyway.resolve("U2__names.sql"), "ALTER TABLE users DROP COLUMN name;\n");

        assertThat(run("verify", flyway.toString())).as(out.toString()).isZero();
        assertThat(out.toString()).contains("[1/2] 1 (baseline)", "down skipped", "[2/2] 2 (names)", "reup ok");
    }

    @Test
    void a_history_without_any_downgrade_is_told_how_to_verify_its_upgrades_only() throws IOException {
        Path flyway = Files.createDirectory(dir.resolve("community"));
        Files.writeString(flyway.resolve("V1__users.sql"), "CREATE TABLE users (id int);\n");
        Files.writeString(flyway.resolve("V2__seed.sql"), "INSERT INTO users VALUES (1);\n");
        String hint = "None of the 2 revisions has a downgrade, so each round trip fails. To verify only that the"
                + " upgrades apply (with their safety findings), run with --checks HISTORY_IS_LINEAR,UPGRADES_APPLY";

        assertThat(run("verify", flyway.toString())).isEqualTo(1);
        assertThat(out.toString()).contains(hint);

        out.getBuffer().setLength(0);
        assertThat(run("verify", flyway.toString(), "--checks", "HISTORY_IS_LINEAR,UPGRADES_APPLY"))
                .as(out.toString()).isZero();
        assertThat(out.toString()).doesNotContain("None of the");

        Files.writeString(flyway.resolve("U1__users.sql"), "DROP TABLE users;\n");
        out.getBuffer().setLength(0);
        assertThat(run("verify", flyway.toString())).isEqualTo(1);
        assertThat(out.toString()).as("one revision has a downgrade").doesNotContain("None of the");
    }

    @Test
    void a_missing_downgrade_is_warned_about_only_where_the_run_downgrades_the_revision() throws IOException {
        Path flyway = Files.createDirectory(dir.resolve("flyway"));
        Files.writeString(flyway.resolve("V20240101000000__users.sql"), "CREATE TABLE users (id int);\n");
        Files.writeString(flyway.resolve("U20240101000000__users.sql"), "DROP TABLE users;\n");
        Files.writeString(flyway.resolve("V20240102000000__seed.sql"), "INSERT INTO users VALUES (1);\n");
        String warning = "V20240102000000__seed.sql: has no down file";

        assertThat(run("verify", flyway.toString())).isEqualTo(1);
        assertThat(err.toString()).contains(warning);

        err.getBuffer().setLength(0);
        assertThat(run("verify", flyway.toString(), "--irreversible", "20240102000000=seed data stays"))
                .as(out.toString()).isZero();
        assertThat(err.toString()).as("declared irreversible: said already").doesNotContain(warning);

        assertThat(run("verify", flyway.toString(), "--checks", "UPGRADES_APPLY")).as(out.toString()).isZero();
        assertThat(err.toString()).as("no check downgrades anything").doesNotContain(warning);

        assertThat(run("verify", flyway.toString(), "--irreversible", "20240101000000=an unrelated revision"))
                .isEqualTo(1);
        assertThat(err.toString()).as("another revision declared: still warned").contains(warning);
    }

    @Test
    void each_option_that_excuses_a_broken_downgrade_reaches_the_verifier() throws IOException {
        write("0001_users.down.sql", "SELECT 1; -- leaves the table");
        write("0002_name_index.up.sql", "CREATE INDEX IF NOT EXISTS users_name_idx ON users (name);");
        write("0002_name_index.down.sql", "SELECT 1; -- leaves the index");
        assertThat(run("verify", history.toString())).isEqualTo(1);
        assertThat(run("verify", history.toString(), "--floor", "2")).as("0002 is still round-tripped").isEqualTo(1);

        assertThat(run("verify", history.toString(), "--floor", "2", "--skip", "0002")).as(out.toString()).isZero();
        assertThat(run("verify", history.toString(), "--floor", "2", "--ignore", "public.users_name_idx"))
                .as(out.toString()).isZero();
        assertThat(run("verify", history.toString(), "--floor", "2", "--schema", "audit")).as("public is not compared")
                .isZero();
    }

    @Test
    void strict_column_order_and_a_statement_timeout_reach_the_verifier() throws IOException {
        // Postgres adds a column last: the downgrade restores the table with id after name.
        write("0003_drop_id.up.sql", "ALTER TABLE users DROP COLUMN id;");
        write("0003_drop_id.down.sql", "ALTER TABLE users ADD COLUMN id int PRIMARY KEY;");
        assertThat(run("verify", history.toString())).as("column order is reported, not failed").isZero();
        assertThat(run("verify", history.toString(), "--strict-column-order")).isEqualTo(1);
        assertThat(out.toString()).contains("Revision 0003 (drop id): the downgrade did not restore the schema",
                "public.users: column order");

        write("0004_slow.up.sql", "SELECT pg_sleep(5);");
        write("0004_slow.down.sql", "SELECT 1;");
        assertThat(run("verify", history.toString(), "--statement-timeout", "200ms")).isEqualTo(1);
        assertThat(out.toString()).contains("Revision 0004 (slow): the upgrade failed",
                "canceling statement due to statement timeout");
    }

    @Test
    void bad_arguments_and_unreadable_histories_exit_2_with_the_reason() {
        assertThat(run("verify")).isEqualTo(2);
        assertThat(err.toString()).contains("No location given, and "); // with no Spring Boot settings here either

        assertThat(run("verify", dir.resolve("nowhere").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("nothing to verify");

        assertThat(run("verify", history.toString(), "--floor", "0009")).isEqualTo(2);
        assertThat(err.toString()).contains("Revision '0009' given as floor (minimum downgrade revision) is not a revision of this history. Known: [0001, 0002]");

        assertThat(run("verify", history.toString(), "--lock-timeout", "soon")).isEqualTo(2);
        assertThat(err.toString()).contains("'soon' is not a duration");

        assertThat(run("verify", history.toString(), "--jobs", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--jobs must be 1 or more, was 0; leave it out to have one per processor");
    }

    @Test
    void a_server_url_that_cannot_be_reached_exits_2_naming_the_url_and_is_not_replaced() {
        String url = "jdbc:postgresql://127.0.0.1:1/postgres?connectTimeout=2";

        assertThat(run("verify", history.toString(), "--postgres-url", url)).isEqualTo(2);
        assertThat(err.toString()).contains("  - server: could not connect to " + url,
                "is never replaced by another backend");
        assertThat(out.toString()).doesNotContain("Verifying");

        assertThat(run("snapshot", history.toString(), "--backend", "server", "--postgres-url", url)).isEqualTo(2);
        assertThat(err.toString()).contains("(migrationtest.postgres.backend=server)");
    }

    @Test
    void a_misnamed_migration_fails_the_history_check_naming_the_file_and_the_name_it_needs() throws IOException {
        Path flyway = Files.createDirectory(dir.resolve("flyway"));
        Files.writeString(flyway.resolve("V1__init.sql"), "CREATE TABLE users (id int);\n");
        Files.writeString(flyway.resolve("U1__init.sql"), "DROP TABLE users;\n");
        Files.writeString(flyway.resolve("V6_add_phone.sql"), "ALTER TABLE users ADD phone text;\n");

        assertThat(run("verify", flyway.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("V6_add_phone.sql: looks like a Flyway migration but does not have two"
                + " underscores between version and description", "rename it to V6__add_phone.sql");
        assertThat(out.toString()).contains("HISTORY_IS_LINEAR: FAILED");
    }

    @Test
    void jobs_walk_the_history_in_parts_and_say_so_with_the_lines_in_history_order() throws IOException {
        write("0003_orders.up.sql", "CREATE TABLE orders (id int PRIMARY KEY, user_id int REFERENCES users (id));");
        write("0003_orders.down.sql", "DROP TABLE orders;");
        write("0004_orders_index.up.sql", "CREATE INDEX orders_user_idx ON orders (user_id);");
        write("0004_orders_index.down.sql", "SELECT 1; -- leaves the index");

        assertThat(run("verify", history.toString(), "-j", "2")).isEqualTo(1);
        assertThat(out.toString()).contains("Walking the history in 2 parts at once, each on a database of its own")
                .containsSubsequence("[1/4] 0001", "[2/4] 0002", "[3/4] 0003", "[4/4] 0004 (orders index)  ",
                        "Revision 0004 (orders index): the downgrade did not restore the schema");

        out.getBuffer().setLength(0);
        assertThat(run("verify", history.toString(), "--jobs", "1")).isEqualTo(1);
        assertThat(out.toString()).doesNotContain("parts at once");
    }

    @Test
    void snapshot_prints_the_schema_at_a_revision() {
        assertThat(run("snapshot", history.toString(), "--at", "0001")).isZero();
        assertThat(out.toString()).contains("users").doesNotContain("users_name_idx");
        assertThat(out.toString()).contains("table public.users", "column public.users.name");

        out.getBuffer().setLength(0);
        assertThat(run("snapshot", history.toString(), "--at", "1")).as("the version, as in --floor").isZero();
        assertThat(out.toString()).contains("table public.users").doesNotContain("users_name_idx");

        assertThat(run("snapshot", history.toString(), "--at", "0009")).isEqualTo(2);
        assertThat(err.toString()).contains("--at 0009: no such revision. Known: [0001, 0002]");
    }

    @Test
    void snapshot_out_writes_the_file_and_says_so() throws IOException {
        Path file = dir.resolve("schema/head.snapshot");

        assertThat(run("snapshot", history.toString(), "--out", file.toString())).as(err.toString()).isZero();

        assertThat(Files.readString(file)).contains("table public.users");
        assertThat(out.toString()).isEqualTo("Wrote the schema at revision 0002 (name index), the head, to " + file
                + System.lineSeparator());
    }

    @Test
    void init_scripts_run_before_revision_1_in_verify_and_in_snapshot() throws IOException {
        Path init = Files.writeString(dir.resolve("environment.sql"), "CREATE SCHEMA IF NOT EXISTS audit;\n");
        write("0001_users.up.sql", "CREATE TABLE audit.users (id int PRIMARY KEY, name text);");
        write("0001_users.down.sql", "DROP TABLE audit.users;");
        write("0002_name_index.up.sql", "CREATE INDEX users_name_idx ON audit.users (name);");
        write("0002_name_index.down.sql", "DROP INDEX audit.users_name_idx;");

        assertThat(run("verify", history.toString(), "--init", init.toString())).as(out + "" + err).isZero();
        assertThat(run("snapshot", history.toString(), "--init", init.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("audit.users_name_idx");

        assertThat(run("verify", history.toString())).isEqualTo(1);
        assertThat(out.toString()).contains("schema \"audit\" does not exist");
    }

    private void write_unchecked(String name, String sql) {
        try {
            write(name, sql);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
