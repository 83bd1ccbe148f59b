package io.github.migrationtest.verifier.lint;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.migrationtest.verifier.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The schema lint at head through the command line: reported in every format, failed with --fail-on, off with --no-lint. */
class LintCommandLineTest {

    /** Users and orders first; the second revision adds what the lint finds at head. */
    private static final String BASE = "SET lock_timeout = '1s';\n"
            + "CREATE TABLE users (id bigint PRIMARY KEY, email text);\n"
            + "CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint, note text);";

    @TempDir
    Path history;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private void write(String name, String sql) throws IOException {
        Files.writeString(history.resolve(name), sql + "\n");
    }

    private void writeHistory(String head, String headDown) throws IOException {
        write("0001_base.up.sql", BASE);
        write("0001_base.down.sql", "DROP TABLE orders;\nDROP TABLE users;");
        write("0002_head.up.sql", "SET lock_timeout = '1s';\n" + head);
        write("0002_head.down.sql", "SET lock_timeout = '1s';\n" + headDown);
    }

    private void writeBadHistory() throws IOException {
        writeHistory("ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;\n"
                        + "CREATE TABLE audit (at timestamptz, what text);\n"
                        + "CREATE INDEX CONCURRENTLY orders_note ON orders (note);",
                "DROP INDEX orders_note;\nDROP TABLE audit;\nALTER TABLE orders DROP CONSTRAINT orders_user_fk;");
        // Its own file: a CONCURRENTLY build among other statements is a safety finding of its own.
        write("0003_note_id.up.sql", "CREATE INDEX CONCURRENTLY orders_note_id ON orders (note, id);");
        write("0003_note_id.down.sql", "DROP INDEX CONCURRENTLY orders_note_id;");
    }

    /** The exit code of {@code verify <history> --jobs 1 <options>}. */
    private int verify(String... options) {
        List<String> args = new ArrayList<>(List.of("verify", history.toString(), "--jobs", "1"));
        args.addAll(List.of(options));
        return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));
    }

    @Test
    void the_head_schema_lint_is_reported_in_every_format_and_does_not_fail_by_default() throws IOException {
        writeBadHistory();
        Path json = history.resolve("report.json");
        Path xml = history.resolve("report.xml");
        Path md = history.resolve("report.md");

        assertThat(verify("--json", json.toString(), "--junit-xml", xml.toString(), "--markdown", md.toString()))
                .as(out + "\n" + err).isZero();

        assertThat(out.toString()).contains("Schema lint at head (reported, not failed unless named in --fail-on):"
                        + " LINT_FK_WITHOUT_INDEX 1, LINT_TABLE_WITHOUT_PRIMARY_KEY 1, LINT_REDUNDANT_INDEX 1")
                .contains("  head schema: LINT_FK_WITHOUT_INDEX public.orders: foreign key orders_user_fk (user_id) to"
                        + " public.users has no index that starts with its columns;"
                        + " fix: CREATE INDEX CONCURRENTLY ON public.orders (user_id);")
                .contains("  head schema: LINT_TABLE_WITHOUT_PRIMARY_KEY public.audit: no primary key")
                .contains("  head schema: LINT_REDUNDANT_INDEX public.orders: index public.orders_note (note) is covered"
                        + " by orders_note_id (note, id); fix: DROP INDEX CONCURRENTLY public.orders_note;");
        assertThat(Files.readString(json))
                .contains("\"lint\":{\"findings\":[{\"finding\":\"LINT_TABLE_WITHOUT_PRIMARY_KEY\",\"direction\":\"UP\","
                        + "\"file\":\"\",\"line\":0,\"object\":\"public.audit\",\"detail\":\"no primary key\","
                        + "\"evidence\":\"LINT\",\"allowed\":null},{\"finding\":\"LINT_FK_WITHOUT_INDEX\"")
                .contains("\"counts\":{\"LINT_FK_WITHOUT_INDEX\":1,\"LINT_TABLE_WITHOUT_PRIMARY_KEY\":1,"
                        + "\"LINT_REDUNDANT_INDEX\":1},\"ms\":")
                .contains("\"skipped\":null}");
        assertThat(Files.readString(xml)).contains("<property name=\"lint.LINT_FK_WITHOUT_INDEX\" value=\"1\"/>")
                .contains("<system-out>Schema lint at head")
                .contains("head schema: LINT_TABLE_WITHOUT_PRIMARY_KEY public.audit: no primary key")
                .doesNotContain("<failure");
        assertThat(Files.readString(md)).contains("### Schema lint at head")
                .contains("| **LINT_TABLE_WITHOUT_PRIMARY_KEY** | public.audit | no primary key |")
                .contains("- **LINT_REDUNDANT_INDEX** has an index that another index of the same table covers");
    }

    @Test
    void a_lint_finding_named_in_fail_on_fails_the_verification() throws IOException {
        writeBadHistory();

        assertThat(verify("--fail-on", "LINT_FK_WITHOUT_INDEX")).as(out + "\n" + err).isEqualTo(1);

        assertThat(out.toString()).contains("SAFETY_FINDINGS_ACCEPTED: FAILED (1 finding(s) named in --fail-on)")
                .contains("  head schema: LINT_FK_WITHOUT_INDEX public.orders: foreign key orders_user_fk")
                .contains("Fix: LINT_FK_WITHOUT_INDEX: CREATE INDEX CONCURRENTLY on the foreign key's columns, in their"
                        + " order, in a migration of its own; a LINT_ finding of the head schema belongs to no file: to"
                        + " accept it, leave it out of --fail-on");
    }

    @Test
    void no_lint_turns_it_off() throws IOException {
        writeBadHistory();
        Path json = history.resolve("report.json");

        assertThat(verify("--no-lint", "--fail-on", "LINT_FK_WITHOUT_INDEX", "--json", json.toString()))
                .as(out + "\n" + err).isZero();

        assertThat(out.toString()).doesNotContain("LINT_");
        assertThat(Files.readString(json)).contains("\"lint\":{\"findings\":[],\"counts\":{},\"ms\":0,\"skipped\":null}");
    }

    @Test
    void the_fixed_twin_has_no_lint_finding() throws IOException {
        writeHistory("ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;\n"
                        + "CREATE TABLE audit (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, at timestamptz, what text);",
                "DROP TABLE audit;\nALTER TABLE orders DROP CONSTRAINT orders_user_fk;");
        write("0003_user_id.up.sql", "CREATE INDEX CONCURRENTLY orders_user_id ON orders (user_id);");
        write("0003_user_id.down.sql", "DROP INDEX CONCURRENTLY orders_user_id;");
        write("0004_note_id.up.sql", "CREATE INDEX CONCURRENTLY orders_note_id ON orders (note, id);");
        write("0004_note_id.down.sql", "DROP INDEX CONCURRENTLY orders_note_id;");
        Path json = history.resolve("report.json");

        assertThat(verify("--fail-on", "LINT_FK_WITHOUT_INDEX,LINT_TABLE_WITHOUT_PRIMARY_KEY,LINT_REDUNDANT_INDEX",
                "--json", json.toString())).as(out + "\n" + err).isZero();

        assertThat(out.toString()).doesNotContain("LINT_").doesNotContain("Schema lint");
        assertThat(Files.readString(json)).contains("\"lint\":{\"findings\":[],\"counts\":{},\"ms\":");
    }
}
