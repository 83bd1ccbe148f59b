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

/** {@code --match-constraints-by-definition}: a downgrade that restores a constraint under another name. */
class ConstraintNamesOptionTest {

    @TempDir
    Path history;
    private final StringWriter out = new StringWriter();

    @BeforeEach
    void writeHistory() throws IOException {
        write("0001_users.up.sql", "CREATE TABLE users (id int PRIMARY KEY, name text CONSTRAINT users_name_key UNIQUE);");
        write("0001_users.down.sql", "DROP TABLE users;");
        write("0002_names_may_repeat.up.sql", "ALTER TABLE users DROP CONSTRAINT IF EXISTS users_name_key,"
                + " DROP CONSTRAINT IF EXISTS users_name_unique;");
        write("0002_names_may_repeat.down.sql", "ALTER TABLE users ADD CONSTRAINT users_name_unique UNIQUE (name);");
    }

    private void write(String name, String sql) throws IOException {
        Files.writeString(history.resolve(name), sql + "\n");
    }

    private int verify(String... options) {
        String[] args = new String[options.length + 2];
        args[0] = "verify";
        args[1] = history.toString();
        System.arraycopy(options, 0, args, 2, options.length);
        return Main.run(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), args);
    }

    @Test
    void by_default_a_constraint_restored_under_another_name_fails() {
        assertThat(verify("--checks", "DOWNGRADE_RESTORES_SCHEMA")).isEqualTo(1);
        assertThat(out.toString()).contains("constraint public.users.users_name_key: missing constraint: UNIQUE (name)",
                "constraint public.users.users_name_unique: unexpected constraint: UNIQUE (name)");
    }

    @Test
    void with_the_option_it_is_paired_by_definition_and_passes_and_the_report_still_shows_it() throws IOException {
        Path json = history.resolve("report.json");

        assertThat(verify("--checks", "DOWNGRADE_RESTORES_SCHEMA", "--match-constraints-by-definition",
                "--json", json.toString())).as(out.toString()).isZero();
        assertThat(Files.readString(json)).contains("{\"path\":\"constraint public.users.users_name_key\","
                + "\"kind\":\"renamed\",\"expected\":\"users_name_key\",\"actual\":\"users_name_unique\"");
    }
}
