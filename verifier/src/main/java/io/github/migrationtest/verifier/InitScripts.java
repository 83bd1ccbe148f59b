package io.github.migrationtest.verifier;

import io.github.migrationtest.verifier.source.MigrationFailedException;
import io.github.migrationtest.verifier.source.script.ScriptFiles;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
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
        // The work is done in source.script, where the models' scratch databases run the same scripts.
        ScriptFiles.runInitScripts(files, connection);
    }
}
