package io.github.migrationtest.verifier;

import io.github.migrationtest.verifier.source.Direction;
import io.github.migrationtest.verifier.source.MigrationFailedException;
import io.github.migrationtest.verifier.source.Revision;
import io.github.migrationtest.verifier.source.script.ScriptRunner;
import io.github.migrationtest.verifier.source.script.SqlScript;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs what the environment provides before revision 1 (extensions, roles, schemas): the SQL
 * files in order, in one transaction where they allow it, as the pseudo-revision {@code init}.
 */
public final class InitScripts {

    private InitScripts() {
    }

    /**
     * @throws UncheckedIOException when a file cannot be read
     * @throws MigrationFailedException when a statement fails, with its file, line and column
     */
    public static void run(List<Path> files, Connection connection) {
        if (files.isEmpty()) {
            return;
        }
        List<SqlScript> scripts = new ArrayList<>();
        for (Path file : files) {
            try {
                scripts.add(SqlScript.parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException("Could not read init script " + file + ": " + e.getMessage()
                        + ". Fix: give a readable UTF-8 SQL file", e);
            }
        }
        Revision init = Revision.reversible("init", "init scripts", files.stream().map(Path::toString).toList());
        new ScriptRunner(null, null).run(init, Direction.UP, scripts, "", connection);
    }
}
