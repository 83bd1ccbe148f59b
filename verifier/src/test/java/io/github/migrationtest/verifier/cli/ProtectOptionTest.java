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

/** {@code --protect}: the check's results on the console and in the JSON, JUnit XML and Markdown reports. */
class ProtectOptionTest {

    @TempDir
    Path root;
    private Path history;
    private Path init;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void writeHistory() throws IOException {
        history = Files.createDirectories(root.resolve("migrations"));
        init = root.resolve("legacy.sql");
        Files.writeString(init, "CREATE SCHEMA legacy;\nCREATE TABLE legacy.customers (id int PRIMARY KEY, name text);\n");
        write("0001_orders.up.sql", "CREATE TABLE orders (id int PRIMARY KEY, customer_id int REFERENCES legacy.customers);");
        write("0001_orders.down.sql", "DROP TABLE orders;");
        write("0002_customer_tier.up.sql", "-- The tier lives with the customer.\nALTER TABLE legacy.customers ADD COLUMN tier text;");
        write("0002_customer_tier.down.sql", "ALTER TABLE legacy.customers DROP COLUMN tier;");
    }

    private void write(String name, String sql) throws IOException {
        Files.writeString(history.resolve(name), sql + "\n");
    }

    private int verify(String... options) {
        String[] args = new String[options.length + 4];
        args[0] = "verify";
        args[1] = history.toString();
        args[2] = "--init";
        args[3] = init.toString();
        System.arraycopy(options, 0, args, 4, options.length);
        return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void a_revision_that_alters_a_protected_schema_fails_in_the_table_the_failures_and_every_report() throws IOException {
        Path json = root.resolve("report.json");
        Path xml = root.resolve("report.xml");
        Path markdown = root.resolve("report.md");

        int exit = verify("--protect", "legacy", "--json", json.toString(), "--junit-xml", xml.toString(),
                "--markdown", markdown.toString());

        assertThat(exit).as(out + "\n" + err).isEqualTo(1);
        String up = history.resolve("0002_customer_tier.up.sql").toString();
        assertThat(out.toString()).contains(
                String.format("%-36s %-9s %-9s %-9s %s%n", "revision", "upgrade", "downgrade", "reupgrade", "protected"),
                String.format("%-36s %-9s %-9s %-9s %s%n", "0001 (orders)", "ok", "ok", "ok", "ok"),
                String.format("%-36s %-9s %-9s %-9s %s%n", "0002 (customer tier)", "ok", "ok", "ok", "FAILED"),
                "Revision 0002 (customer tier): the upgrade and the downgrade touch protected schemas (legacy)\n"
                        + "  legacy.customers: table altered (ALTER TABLE) by the upgrade at " + up
                        + ":2: ALTER TABLE legacy.customers ADD COLUMN tier text\n");
        assertThat(Files.readString(json)).contains("\"PROTECTED_SCHEMAS_UNTOUCHED\":{\"outcome\":\"FAILED\"",
                "{\"path\":\"legacy.customers\",\"kind\":\"altered\",\"expected\":null,\"actual\":\"" + up
                        + ":2: ALTER TABLE legacy.customers ADD COLUMN tier text\"");
        assertThat(Files.readString(xml)).contains("name=\"PROTECTED_SCHEMAS_UNTOUCHED\"",
                "the upgrade and the downgrade touch protected schemas (legacy)");
        assertThat(Files.readString(markdown)).contains("| revision | upgrade | downgrade | re-upgrade | protected schemas |\n"
                + "|---|---|---|---|---|\n", "| 0002 (customer tier) | ✅ | ✅ | ✅ | ❌ |",
                "legacy.customers.tier: table column dropped (ALTER TABLE) by the downgrade at");
    }

    @Test
    void without_protect_the_check_does_not_run_and_the_table_is_as_before() {
        assertThat(verify()).as(out.toString()).isZero();
        assertThat(out.toString()).contains(String.format("%-36s %-9s %-9s %-9s%n", "revision", "upgrade", "downgrade",
                "reupgrade")).doesNotContain("protected");
    }

    @Test
    void a_protected_schema_that_is_not_there_cannot_run_and_says_why() {
        assertThat(verify("--protect", "legacy,billing")).isEqualTo(2);
        assertThat(err.toString()).contains("protected schema billing (--protect legacy, billing) matches no schema of the"
                + " database after the init scripts (it has legacy, public)");
    }
}
