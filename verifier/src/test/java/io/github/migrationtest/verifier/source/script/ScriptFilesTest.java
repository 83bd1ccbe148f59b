package io.github.migrationtest.verifier.source.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.migrationtest.verifier.source.FreshDatabase;
import io.github.migrationtest.verifier.source.MigrationFailedException;
import io.github.migrationtest.verifier.source.MigrationFailure;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Init scripts are read as migration files are: strict UTF-8, a byte-order mark dropped. They stand for what the
 * deployment provides, so a role they create that the server has already is kept as it is.
 */
class ScriptFilesTest {

    @RegisterExtension
    final FreshDatabase db = new FreshDatabase();

    @TempDir
    Path dir;

    @Test
    void an_init_script_saved_with_a_byte_order_mark_runs() throws Exception {
        // Windows editors write one; Postgres would read it as part of the first word.
        Path init = Files.write(dir.resolve("init.sql"),
                "\uFEFFCREATE SCHEMA audit;\nCREATE TABLE audit.log (id int);".getBytes(StandardCharsets.UTF_8));

        ScriptFiles.runInitScripts(List.of(init), db.connection());

        assertThat(db.probe().value("select count(*) from audit.log")).isEqualTo("0");
    }

    @Test
    void an_init_script_that_is_not_utf8_is_refused_with_the_offset_of_the_bad_byte() throws Exception {
        Path init = Files.write(dir.resolve("init.sql"), "CREATE SCHEMA caf\u00e9;".getBytes(StandardCharsets.ISO_8859_1));

        assertThatThrownBy(() -> ScriptFiles.runInitScripts(List.of(init), db.connection()))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessage("Could not read init script " + init + ": it is not UTF-8 (invalid byte at offset 17)."
                        + " Fix: re-save it as UTF-8");
        assertThat(db.probe().value("select count(*) from pg_namespace where nspname like 'caf%'")).isEqualTo("0");
    }

    @Test
    void a_missing_init_script_is_named_with_the_fix() {
        Path init = dir.resolve("missing.sql");

        assertThatThrownBy(() -> ScriptFiles.runInitScripts(List.of(init), db.connection()))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessage("Could not read init script " + init + ": NoSuchFileException: " + init
                        + ". Fix: give a readable UTF-8 SQL file");
    }

    /**
     * A role the server has (made by the user, an earlier run, or this run's other database): the script's
     * {@code CREATE ROLE} is a no-op and the rest runs, in the runner's transaction, statement by statement, and in a
     * transaction the script opens itself.
     */
    @ParameterizedTest
    @ValueSource(strings = {
            "CREATE ROLE %1$s LOGIN CONNECTION LIMIT 2;\nCREATE SCHEMA app;\nGRANT USAGE ON SCHEMA app TO %1$s;\n",
            "CREATE SCHEMA app;\nCREATE ROLE %1$s LOGIN CONNECTION LIMIT 2;\nGRANT USAGE ON SCHEMA app TO %1$s;\nVACUUM;\n",
            "BEGIN;\nCREATE ROLE %1$s LOGIN CONNECTION LIMIT 2;\nCREATE SCHEMA app;\nGRANT USAGE ON SCHEMA app TO %1$s;\n"
                    + "COMMIT;\nVACUUM;\n"})
    void an_init_script_keeps_a_role_the_server_has_as_it_is_and_runs_on(String script) throws Exception {
        String role = "init_role_" + ProcessHandle.current().pid() + "_" + System.nanoTime();
        Path init = Files.writeString(dir.resolve("init.sql"), String.format(script, role));
        try (Statement statement = db.connection().createStatement()) {
            statement.execute("CREATE ROLE " + role + " NOLOGIN CONNECTION LIMIT 7");
            try {
                ScriptFiles.runInitScripts(List.of(init), db.connection());

                assertThat(db.probe().value("select has_schema_privilege('" + role + "', 'app', 'USAGE')"))
                        .isEqualTo("t");
                assertThat(db.probe().value("select rolcanlogin || ' ' || rolconnlimit from pg_roles where rolname = '"
                        + role + "'")).as("the role as its owner made it").isEqualTo("false 7");
            } finally {
                statement.execute("DROP OWNED BY " + role);
                statement.execute("DROP ROLE " + role);
            }
        }
    }

    @Test
    void a_role_creation_that_fails_for_another_reason_is_named_with_file_line_and_column() throws Exception {
        Path init = Files.writeString(dir.resolve("init.sql"), "CREATE SCHEMA app;\nCREATE ROLE app_user WITH NO_SUCH_OPTION;\n");

        assertThatThrownBy(() -> ScriptFiles.runInitScripts(List.of(init), db.connection()))
                .isInstanceOfSatisfying(MigrationFailedException.class, e -> {
                    MigrationFailure failure = e.failure();
                    assertThat(failure.location()).as("at the option Postgres refuses").isEqualTo(init + ":2:27");
                    assertThat(failure.message()).isEqualTo("unrecognized role option \"no_such_option\"");
                    assertThat(failure.statement()).isEqualTo("CREATE ROLE app_user WITH NO_SUCH_OPTION");
                });
        assertThat(db.probe().value("select count(*) from pg_namespace where nspname = 'app'")).isEqualTo("0");
    }

    @Test
    void a_duplicate_of_an_object_of_the_database_still_fails_the_init_script() throws Exception {
        // Also duplicate_object (42710), but the database's own: two init scripts that collide are a bug to show.
        Path init = Files.writeString(dir.resolve("init.sql"),
                "CREATE TYPE mood AS ENUM ('ok');\nCREATE TYPE mood AS ENUM ('sad');\n");

        assertThatThrownBy(() -> ScriptFiles.runInitScripts(List.of(init), db.connection()))
                .isInstanceOfSatisfying(MigrationFailedException.class, e -> {
                    assertThat(e.failure().location()).isEqualTo(init + ":2:1");
                    assertThat(e.failure().message()).isEqualTo("type \"mood\" already exists");
                });
    }
}
