package io.github.migrationtest.verifier.source.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.migrationtest.verifier.source.FreshDatabase;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Init scripts are read as migration files are: strict UTF-8, a byte-order mark dropped. */
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
}
