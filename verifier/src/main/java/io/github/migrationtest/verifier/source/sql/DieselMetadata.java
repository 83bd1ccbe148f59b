package io.github.migrationtest.verifier.source.sql;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/** diesel's {@code metadata.toml} beside a migration's {@code up.sql}: only {@code run_in_transaction} matters here. */
final class DieselMetadata {

    private static final Pattern NO_TRANSACTION = Pattern.compile("(?m)^\\s*run_in_transaction\\s*=\\s*false\\s*(#.*)?$");

    private DieselMetadata() {}

    /** Whether the migration runs in a transaction: diesel's default, unless the file says otherwise. */
    static boolean runsInTransaction(Path metadata) {
        if (!Files.isRegularFile(metadata)) {
            return true;
        }
        try {
            return !NO_TRANSACTION.matcher(Files.readString(metadata)).find();
        } catch (IOException | RuntimeException e) {
            // Unreadable metadata: diesel would refuse the migration; running it in a transaction is the safe reading.
            return true;
        }
    }
}
