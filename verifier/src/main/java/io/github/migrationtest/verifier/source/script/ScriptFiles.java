package io.github.migrationtest.verifier.source.script;

import io.github.migrationtest.verifier.source.Direction;
import io.github.migrationtest.verifier.source.MigrationFailedException;
import io.github.migrationtest.verifier.source.Revision;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

/**
 * SQL files run as one step outside a history: the init scripts that provide the environment
 * (extensions, roles), a reference {@code schema.sql}. A failing statement is reported as for a
 * revision, with its file, line and column.
 */
public final class ScriptFiles {

    private ScriptFiles() {
    }

    /**
     * Runs the init scripts in order, in one transaction where they allow it, as the pseudo-revision {@code init}.
     *
     * @throws UncheckedIOException when a file cannot be read
     * @throws MigrationFailedException when a statement fails, with its file, line and column
     */
    public static void runInitScripts(List<Path> files, Connection connection) {
        runInit(readInitScripts(files), connection);
    }

    /** Runs init scripts {@link #readInitScripts read} before, for a caller that runs them on several databases. */
    public static void runInit(List<SqlScript> scripts, Connection connection) {
        if (!scripts.isEmpty()) {
            run("init", "init scripts", scripts, connection);
        }
    }

    /**
     * Reads and parses the init scripts.
     *
     * @throws UncheckedIOException when a file cannot be read
     */
    public static List<SqlScript> readInitScripts(List<Path> files) {
        List<SqlScript> scripts = new ArrayList<>();
        for (Path file : files) {
            try {
                scripts.add(SqlScript.parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException("Could not read init script " + file + ": " + e.getMessage()
                        + ". Fix: give a readable UTF-8 SQL file", e);
            }
        }
        return scripts;
    }

    /**
     * Runs the scripts as the pseudo-revision {@code step}, whose id and description failures name.
     *
     * @throws MigrationFailedException when a statement fails, with its file, line and column
     */
    public static void run(String step, String description, List<SqlScript> scripts, Connection connection) {
        Revision revision = Revision.reversible(step, description, scripts.stream().map(SqlScript::file).toList());
        new ScriptRunner(null, null).run(revision, Direction.UP, scripts, "", connection);
    }
}
