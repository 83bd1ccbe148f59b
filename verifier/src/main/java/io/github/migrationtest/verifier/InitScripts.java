package io.github.migrationtest.verifier;

import io.github.migrationtest.verifier.source.Direction;
import io.github.migrationtest.verifier.source.MigrationFailedException;
import io.github.migrationtest.verifier.source.Revision;
import io.github.migrationtest.verifier.source.script.ScriptRunner;
import io.github.migrationtest.verifier.source.script.SqlScript;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

/** What the environment provides before revision 1 (extensions, roles, schemas), run once. */
final class InitScripts {

    private final List<Path> scripts;

    InitScripts(List<Path> scripts) {
        this.scripts = scripts;
    }

    void run(WorkingDatabase work) throws SQLException {
        for (Path script : scripts) {
            String text;
            try {
                text = Files.readString(script, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalArgumentException("Cannot read the init script " + script + ": " + e.getMessage()
                        + ". Fix: give a readable UTF-8 SQL file", e);
            }
            Revision init = Revision.irreversible("init", script.getFileName().toString(), List.of(script.toString()),
                    "an init script");
            try {
                new ScriptRunner(null, null).run(init, Direction.UP, List.of(SqlScript.parse(script.toString(), text)),
                        "", work.connection());
            } catch (MigrationFailedException e) {
                throw new IllegalArgumentException("The init script failed at " + e.failure() , e);
            }
        }
    }
}
