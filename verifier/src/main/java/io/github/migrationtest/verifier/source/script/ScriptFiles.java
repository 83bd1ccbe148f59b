package io.github.migrationtest.verifier.source.script;

import io.github.migrationtest.verifier.source.Direction;
import io.github.migrationtest.verifier.source.MigrationFailedException;
import io.github.migrationtest.verifier.source.Revision;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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

    /**
     * Runs init scripts {@link #readInitScripts read} before, for a caller that runs them on several databases. A role
     * or tablespace they create that the server has already (roles are the server's, not the database's) is kept as
     * it is: see {@link ExistingServerObjects}.
     */
    public static void runInit(List<SqlScript> scripts, Connection connection) {
        if (!scripts.isEmpty()) {
            run("init", "init scripts", scripts, connection, ScriptRunner.keepingExistingServerObjects());
        }
    }

    /**
     * The init scripts' first statement that changes what all databases of a server share, as {@link
     * SqlScript#serverWideChange()} gives it, leaving out a plain {@code CREATE ROLE} (or tablespace): the scripts keep
     * one the server has, so parts of a walk on one server run them one after the other without colliding. A role made
     * in a {@code DO} block, an {@code ALTER ROLE} (two sessions updating one role's row) or a {@code DROP ROLE} still
     * counts.
     */
    public static Optional<String> serverWideChange(List<SqlScript> initScripts) {
        return initScripts.stream().map(script -> script.serverWideChange(ExistingServerObjects::creates))
                .flatMap(Optional::stream).findFirst();
    }

    /**
     * Reads and parses the init scripts.
     *
     * @throws UncheckedIOException when a file cannot be read
     */
    public static List<SqlScript> readInitScripts(List<Path> files) {
        List<SqlScript> scripts = new ArrayList<>();
        for (Path file : files) {
            // Read as migration files are, so a byte-order mark is not sent to Postgres as part of the first word.
            ScriptText.Read read = ScriptText.check(file);
            if (!(read instanceof ScriptText.Valid)) {
                throw unreadable(file, read);
            }
            scripts.add(SqlScript.of(file.toString(), ScriptSource.of(file), 0, SqlScript.TO_END, List.of()));
        }
        return scripts;
    }

    private static UncheckedIOException unreadable(Path file, ScriptText.Read read) {
        String problem = read instanceof ScriptText.NotUtf8 bad
                ? "it is not UTF-8 (invalid byte at offset " + bad.offset() + "). Fix: re-save it as UTF-8"
                : read instanceof ScriptText.HasNul nul ? "it " + nul.describe() + ". Fix: remove the NUL byte"
                : ((ScriptText.Unreadable) read).reason() + ". Fix: give a readable UTF-8 SQL file";
        String message = "Could not read init script " + file + ": " + problem;
        return new UncheckedIOException(message, new IOException(message));
    }

    /**
     * Runs the scripts as the pseudo-revision {@code step}, whose id and description failures name.
     *
     * @throws MigrationFailedException when a statement fails, with its file, line and column
     */
    public static void run(String step, String description, List<SqlScript> scripts, Connection connection) {
        run(step, description, scripts, connection, new ScriptRunner(null, null));
    }

    private static void run(String step, String description, List<SqlScript> scripts, Connection connection,
                            ScriptRunner runner) {
        Revision revision = Revision.reversible(step, description, scripts.stream().map(SqlScript::file).toList());
        runner.run(revision, Direction.UP, scripts, "", connection);
    }
}
