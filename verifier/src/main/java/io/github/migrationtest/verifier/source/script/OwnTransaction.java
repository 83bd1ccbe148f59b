package io.github.migrationtest.verifier.source.script;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A script that wraps all its work in one transaction of its own: a plain {@code BEGIN} as its first statement, a
 * plain {@code COMMIT} as its last, and no other transaction control (every file of some golang-migrate histories).
 * Its body can run inside a caller's transaction instead, which the caller then commits or rolls back: the same
 * statements in one transaction, only who ends it differs. A {@code BEGIN} with options (an isolation level, read
 * only) is not plain: the caller's transaction would not have them.
 *
 * @param begin the ordinal (0-based, in the script) of the {@code BEGIN}
 * @param commit the ordinal of the {@code COMMIT}
 */
public record OwnTransaction(int begin, int commit) {

    private static final Pattern PLAIN_BEGIN = Pattern.compile("^(BEGIN( WORK| TRANSACTION)?|START TRANSACTION)$");
    private static final Pattern PLAIN_COMMIT = Pattern.compile("^(COMMIT|END)( WORK| TRANSACTION)?$");
    private static final Pattern CONTROL = Pattern.compile("^(BEGIN|START TRANSACTION|COMMIT|END|ROLLBACK|ABORT|SAVEPOINT"
            + "|RELEASE|PREPARE TRANSACTION|COMMIT PREPARED|ROLLBACK PREPARED)( .*)?$");

    private static final ScriptFacts<Optional<OwnTransaction>> KNOWN = new ScriptFacts<>(OwnTransaction::find);

    /** Whether the statement at this ordinal is the wrapper's, not the body's. */
    public boolean wraps(int ordinal) {
        return ordinal == begin || ordinal == commit;
    }

    /** The script's own transaction, when it is exactly one plain {@code BEGIN ... COMMIT} around all its statements. */
    public static Optional<OwnTransaction> of(SqlScript script) {
        return KNOWN.of(script);
    }

    private static Optional<OwnTransaction> find(SqlScript script) {
        int ordinal = 0;
        int commit = -1;
        try (StatementCursor cursor = script.open()) {
            for (SqlStatement statement = cursor.next(); statement != null; statement = cursor.next(), ordinal++) {
                String code = statement.code();
                if (commit >= 0) {
                    return Optional.empty(); // something after the COMMIT runs outside the transaction
                }
                if (ordinal == 0) {
                    if (!PLAIN_BEGIN.matcher(code).matches()) {
                        return Optional.empty();
                    }
                } else if (PLAIN_COMMIT.matcher(code).matches()) {
                    commit = ordinal;
                } else if (CONTROL.matcher(code).matches()) {
                    // Savepoints would work in a caller's transaction, but a ROLLBACK TO one is the script's own logic:
                    // keep such scripts on the path that runs them as written.
                    return Optional.empty();
                }
            }
        }
        // A COMMIT was found after the first statement only when that was a plain BEGIN.
        return commit > 0 ? Optional.of(new OwnTransaction(0, commit)) : Optional.empty();
    }
}
