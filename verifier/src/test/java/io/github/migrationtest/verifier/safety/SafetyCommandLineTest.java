package io.github.migrationtest.verifier.safety;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.migrationtest.verifier.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Safety findings through the command line: reported by default, failed with --fail-on, accepted by a comment. */
class SafetyCommandLineTest {

    @TempDir
    Path history;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void writeHistory() throws IOException {
        write("0001_t.up.sql", "CREATE TABLE t (id int PRIMARY KEY, a int);\nINSERT INTO t SELECT g, g FROM generate_series(1, 50) g;");
        write("0001_t.down.sql", "DROP TABLE t;");
        write("0002_index.up.sql", "SET lock_timeout = '1s';\nCREATE INDEX t_a ON t (a);");
        write("0002_index.down.sql", "SET lock_timeout = '1s';\nDROP INDEX t_a;");
        String allow = "-- migrationtest:allow TABLE_REWRITE fifty rows, runs before launch\nSET lock_timeout = '1s';\n";
        write("0003_widen.up.sql", allow + "ALTER TABLE t ALTER COLUMN a TYPE bigint;");
        write("0003_widen.down.sql", allow + "-- migrationtest:allow NARROWS_COLUMN_TYPE the values came from int\n"
                + "ALTER TABLE t ALTER COLUMN a TYPE int;");
    }

    private void write(String name, String sql) throws IOException {
        Files.writeString(history.resolve(name), sql + "\n");
    }

    private int verify(String... options) {
        String[] args = new String[options.length + 4];
        args[0] = "verify";
        args[1] = history.toString();
        args[2] = "--jobs";
        args[3] = "1";
        System.arraycopy(options, 0, args, 4, options.length);
        return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void findings_are_reported_in_every_format_and_do_not_fail_by_default() throws IOException {
        Path json = history.resolve("report.json");
        Path xml = history.resolve("report.xml");
        Path md = history.resolve("report.md");

        assertThat(verify("--json", json.toString(), "--junit-xml", xml.toString(), "--markdown", md.toString()))
                .as(out + "\n" + err).isZero();

        assertThat(out.toString()).contains("Safety findings (reported, not failed unless named in --fail-on; listed in"
                + " the JSON, JUnit XML and Markdown reports): TABLE_REWRITE 2, INDEX_WITHOUT_CONCURRENTLY 1, DROPS_TABLE 1,"
                + " NARROWS_COLUMN_TYPE 1; 3 allowed by comments");
        String index = history.resolve("0002_index.up.sql").toString();
        assertThat(Files.readString(json)).contains("{\"finding\":\"INDEX_WITHOUT_CONCURRENTLY\",\"direction\":\"UP\","
                + "\"file\":" + "\"" + index + "\"" + ",\"line\":2,"
                + "\"object\":\"public.t\",\"detail\":\"new index public.t_a built in place\",\"evidence\":\"MEASURED\","
                + "\"allowed\":null}")
                .contains("\"finding\":\"TABLE_REWRITE\"", "\"allowed\":\"fifty rows, runs before launch\"")
                .contains("\"detail\":\"new relfilenode; its indexes rebuilt: public.t_pkey"
                        + " (table_rewrite event: a column's type or storage rewritten)\"")
                .contains("\"safety\":{\"TABLE_REWRITE\":2,\"INDEX_WITHOUT_CONCURRENTLY\":1,\"DROPS_TABLE\":1,\"NARROWS_COLUMN_TYPE\":1}");
        assertThat(Files.readString(xml)).contains("<property name=\"safety.INDEX_WITHOUT_CONCURRENTLY\" value=\"1\"/>")
                .contains("<system-out>Safety findings").contains(index + ":2: INDEX_WITHOUT_CONCURRENTLY public.t")
                .doesNotContain("<failure");
        assertThat(Files.readString(md)).contains("### Safety findings")
                .contains("| 0002 (index) | upgrade | `" + index + ":2` | **INDEX_WITHOUT_CONCURRENTLY** | public.t |")
                .contains("~~TABLE_REWRITE~~ allowed: fifty rows, runs before launch");
    }

    @Test
    void a_finding_named_in_fail_on_fails_the_verification_naming_the_file_and_line() {
        assertThat(verify("--fail-on", "INDEX_WITHOUT_CONCURRENTLY")).isEqualTo(1);

        assertThat(out.toString()).contains("SAFETY_FINDINGS_ACCEPTED")
                .contains(history.resolve("0002_index.up.sql") + ":2: INDEX_WITHOUT_CONCURRENTLY public.t");
    }

    @Test
    void an_allow_comment_accepts_a_finding_named_in_fail_on() {
        assertThat(verify("--fail-on", "TABLE_REWRITE,NARROWS_COLUMN_TYPE")).as(out.toString()).isZero();
    }

    @Test
    void an_unknown_finding_in_fail_on_is_refused_naming_the_known_ones() {
        assertThat(verify("--fail-on", "INDEX_NOT_CONCURRENT")).isEqualTo(2);
        assertThat(err.toString()).contains("--fail-on: Unknown safety finding 'INDEX_NOT_CONCURRENT'; known: all,"
                + " LOCK_WITHOUT_TIMEOUT, ");
    }

    @Test
    void an_allow_comment_without_a_known_finding_is_a_finding_itself() throws IOException {
        write("0004_typo.up.sql", "-- migrationtest:allow INDEX_NOT_CONCURRENT big table\nSELECT 1;");
        write("0004_typo.down.sql", "SELECT 1;");

        assertThat(verify("--fail-on", "INVALID_ALLOW_COMMENT")).isEqualTo(1);
        assertThat(out.toString()).contains(history.resolve("0004_typo.up.sql") + ":1: INVALID_ALLOW_COMMENT");
    }

    @Test
    void no_safety_measures_nothing() throws IOException {
        Path json = history.resolve("report.json");

        assertThat(verify("--no-safety", "--json", json.toString())).isZero();
        assertThat(Files.readString(json)).contains("\"safety\":[]").doesNotContain("\"finding\"");
    }
}
