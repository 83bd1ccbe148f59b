package io.github.migrationtest.verifier.source.sql;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * diesel's {@code metadata.toml} beside a migration's {@code up.sql}: only {@code run_in_transaction} matters here.
 * diesel reads it into {@code TomlMetadata}, whose field is {@code #[serde(default)] run_in_transaction: bool}: without
 * the file a migration runs in a transaction (the struct's default), but a file that leaves the key out gives the
 * field's own default, {@code false}, and so does an empty or comment-only file.
 */
final class DieselMetadata {

    /** The key at the top level (before any {@code [table]}), its value a TOML boolean. */
    private static final Pattern KEY = Pattern.compile("(?m)^\\s*run_in_transaction\\s*=\\s*(true|false)\\s*(#.*)?$");
    private static final Pattern TABLE = Pattern.compile("(?m)^\\s*\\[");

    private DieselMetadata() {}

    /**
     * Why the migration runs outside a transaction, as diesel reads {@code metadata} (which may be absent); empty when
     * it runs in one.
     */
    static String outsideTransaction(Path metadata, String shown) {
        if (!Files.isRegularFile(metadata)) {
            return "";
        }
        try {
            String toml = Files.readString(metadata);
            Matcher table = TABLE.matcher(toml);
            String top = table.find() ? toml.substring(0, table.start()) : toml;
            Matcher key = KEY.matcher(top);
            if (!key.find()) {
                return shown + " leaves run_in_transaction out, which diesel reads as false";
            }
            return key.group(1).equals("true") ? "" : shown + " says run_in_transaction = false";
        } catch (IOException | RuntimeException e) {
            // Unreadable metadata: diesel would refuse the migration; running it in a transaction is the safe reading.
            return "";
        }
    }
}
