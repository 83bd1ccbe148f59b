package io.github.migrationtest.verifier.source.sql;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;

/**
 * sqlx runs a migration outside a transaction when its text starts with {@code -- no-transaction}, in its
 * first bytes ({@code sql.starts_with("-- no-transaction")} in sqlx's migration source), whatever follows.
 */
final class SqlxHeader {

    private static final byte[] NO_TRANSACTION = "-- no-transaction".getBytes(StandardCharsets.US_ASCII);

    private SqlxHeader() {
    }

    /** Why {@code file} runs outside a transaction, or empty when it does not start with the header. */
    static String noTransaction(NamedFile file) {
        try (InputStream in = Files.newInputStream(file.path())) {
            byte[] start = in.readNBytes(NO_TRANSACTION.length);
            return Arrays.equals(start, NO_TRANSACTION) ? file.display() + " starts with '-- no-transaction' (sqlx)" : "";
        } catch (IOException e) {
            return ""; // an unreadable file is reported when its SQL is read
        }
    }
}
