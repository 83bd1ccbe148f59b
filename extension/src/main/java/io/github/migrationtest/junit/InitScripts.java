package io.github.migrationtest.junit;

import io.github.migrationtest.verifier.source.Direction;
import io.github.migrationtest.verifier.source.Revision;
import io.github.migrationtest.verifier.source.script.ScriptRunner;
import io.github.migrationtest.verifier.source.script.SqlScript;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the init scripts through the verifier's script runner, so a failing statement is reported
 * with its file, line and column like a migration's.
 */
final class InitScripts {

    private InitScripts() {
    }

    static void run(List<Path> files, Connection connection) {
        if (files.isEmpty()) {
            return;
        }
        List<SqlScript> scripts = new ArrayList<>();
        for (Path file : files) {
            try {
                scripts.add(SqlScript.parse(file.toString(), Files.readString(file)));
            } catch (IOException e) {
                throw new UncheckedIOException("Could not read init script " + file + ": " + e.getMessage(), e);
            }
        }
        Revision init = Revision.reversible("init", "init scripts", files.stream().map(Path::toString).toList());
        new ScriptRunner(null, null).run(init, Direction.UP, scripts, "", connection);
    }
}
