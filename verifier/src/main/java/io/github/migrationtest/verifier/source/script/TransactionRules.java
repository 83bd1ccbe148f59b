package io.github.migrationtest.verifier.source.script;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which statements Postgres refuses to run inside a transaction block, so a script holding one
 * must run statement by statement in auto-commit mode.
 */
public final class TransactionRules {

    private record Rule(Pattern pattern, String name, int beforeMajor) {
        Rule(String regex, String name) {
            this(regex, name, Integer.MAX_VALUE);
        }

        Rule(String regex, String name, int beforeMajor) {
            this(Pattern.compile(regex), name, beforeMajor);
        }
    }

    private static final List<Rule> OUTSIDE_TRANSACTION = List.of(
            new Rule("^CREATE (UNIQUE )?INDEX CONCURRENTLY\\b.*", "CREATE INDEX CONCURRENTLY"),
            new Rule("^DROP INDEX CONCURRENTLY\\b.*", "DROP INDEX CONCURRENTLY"),
            new Rule("^REINDEX\\b.*\\bCONCURRENTLY\\b.*", "REINDEX CONCURRENTLY"),
            new Rule("^ALTER TABLE\\b.*\\bDETACH PARTITION\\b.*\\bCONCURRENTLY\\b.*", "DETACH PARTITION CONCURRENTLY"),
            new Rule("^VACUUM\\b.*", "VACUUM"),
            new Rule("^(CREATE|DROP) DATABASE\\b.*", "CREATE/DROP DATABASE"),
            new Rule("^(CREATE|DROP) TABLESPACE\\b.*", "CREATE/DROP TABLESPACE"),
            new Rule("^ALTER SYSTEM\\b.*", "ALTER SYSTEM"),
            new Rule("^(CREATE|DROP) SUBSCRIPTION\\b.*", "CREATE/DROP SUBSCRIPTION"),
            // Postgres 12 allowed ADD VALUE in a transaction (the new value is unusable until commit).
            new Rule("^ALTER TYPE\\b.*\\bADD VALUE\\b.*", "ALTER TYPE ... ADD VALUE", 12));

    private static final Pattern TRANSACTION_CONTROL =
            Pattern.compile("^(BEGIN|START TRANSACTION|COMMIT|END|ROLLBACK|ABORT|PREPARE TRANSACTION)( .*)?$");

    // Finding a reason reads the whole script: kept per script and server major.
    private static final ScriptFacts<Map<Integer, Optional<String>>> OUTSIDE = new ScriptFacts<>(s -> new ConcurrentHashMap<>());
    private static final ScriptFacts<Map<Integer, Optional<String>>> NOT_TO_JOIN = new ScriptFacts<>(s -> new ConcurrentHashMap<>());

    private TransactionRules() {}

    /**
     * Why a script cannot run in one transaction on a server of this major version, naming the
     * first statement that prevents it; empty when it can.
     */
    public static Optional<String> reasonToRunOutsideTransaction(SqlScript script, int serverMajor) {
        return OUTSIDE.of(script).computeIfAbsent(serverMajor, major -> firstReason(script, major, null));
    }

    /**
     * Why a script cannot run inside a transaction the caller opened (and ends): as {@link
     * #reasonToRunOutsideTransaction(SqlScript, int)}, but a script that wraps all its work in one transaction of its
     * own ({@link OwnTransaction}) can, its {@code BEGIN} and {@code COMMIT} left out.
     */
    public static Optional<String> reasonNotToJoin(SqlScript script, int serverMajor) {
        Optional<OwnTransaction> own = OwnTransaction.of(script);
        return own.isEmpty() ? reasonToRunOutsideTransaction(script, serverMajor)
                : NOT_TO_JOIN.of(script).computeIfAbsent(serverMajor, major -> firstReason(script, major, own.get()));
    }

    /** The first reason of {@link #reasonNotToJoin(SqlScript, int)} among scripts run as one step. */
    public static Optional<String> reasonNotToJoin(List<SqlScript> scripts, int serverMajor) {
        return scripts.stream().map(script -> reasonNotToJoin(script, serverMajor)).flatMap(Optional::stream).findFirst();
    }

    /**
     * Whether a script opens or ends transactions itself ({@code BEGIN}, {@code COMMIT}, ...), a whole-file wrap that
     * joins the caller's transaction ({@link OwnTransaction}) left out: run in a transaction anyway, its {@code COMMIT}
     * ends it and what follows runs on its own.
     */
    public static boolean controlsTransactions(List<SqlScript> scripts) {
        for (SqlScript script : scripts) {
            OwnTransaction own = OwnTransaction.of(script).orElse(null);
            int ordinal = 0;
            try (StatementCursor cursor = script.open()) {
                for (SqlStatement statement = cursor.next(); statement != null; statement = cursor.next(), ordinal++) {
                    String code = statement.code();
                    if ((own == null || !own.wraps(ordinal)) && isTransactionControl(code)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** A statement that opens or ends a transaction ({@code ROLLBACK TO} a savepoint stays inside one). */
    private static boolean isTransactionControl(String code) {
        return TRANSACTION_CONTROL.matcher(code).matches() && !code.startsWith("ROLLBACK TO");
    }

    /** The first statement's reason, the statements of {@code own} (when not null) left out. */
    private static Optional<String> firstReason(SqlScript script, int serverMajor, OwnTransaction own) {
        int ordinal = 0;
        try (StatementCursor cursor = script.open()) {
            for (SqlStatement statement = cursor.next(); statement != null; statement = cursor.next(), ordinal++) {
                if (own != null && own.wraps(ordinal)) {
                    continue;
                }
                Optional<String> reason = reason(script, statement, serverMajor);
                if (reason.isPresent()) {
                    return reason;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> reason(SqlScript script, SqlStatement statement, int serverMajor) {
        String code = statement.code();
        String where = script.file() + ":" + statement.line();
        if (isTransactionControl(code)) {
            return Optional.of(where + " controls its own transactions (" + firstWords(code) + ")");
        }
        for (Rule rule : OUTSIDE_TRANSACTION) {
            if (serverMajor < rule.beforeMajor() && rule.pattern().matcher(code).matches()) {
                return Optional.of(where + ": " + rule.name() + " cannot run inside a transaction");
            }
        }
        return Optional.empty();
    }

    /**
     * What a statement is, when Postgres refuses to run it inside a transaction block on a current server ({@code
     * CREATE INDEX CONCURRENTLY}); empty when it runs in one. A multi-statement query counts as such a block.
     */
    public static Optional<String> refusedInTransaction(SqlStatement statement) {
        return OUTSIDE_TRANSACTION.stream()
                .filter(rule -> rule.beforeMajor() == Integer.MAX_VALUE && rule.pattern().matcher(statement.code()).matches())
                .map(Rule::name).findFirst();
    }

    /** The first reason of {@link #reasonToRunOutsideTransaction(SqlScript, int)} among scripts run as one step. */
    public static Optional<String> reasonToRunOutsideTransaction(List<SqlScript> scripts, int serverMajor) {
        return scripts.stream()
                .map(script -> reasonToRunOutsideTransaction(script, serverMajor))
                .flatMap(Optional::stream)
                .findFirst();
    }

    /** A statement and the script it is in. */
    public record Located(SqlScript script, SqlStatement statement) {}

    private static final Pattern TRANSACTION_START = Pattern.compile("^(BEGIN|START TRANSACTION)( .*)?$");

    /** The last {@code BEGIN} or {@code START TRANSACTION} among scripts run as one step, if any. */
    public static Optional<Located> lastTransactionStart(List<SqlScript> scripts) {
        Located last = null;
        for (SqlScript script : scripts) {
            try (StatementCursor cursor = script.open()) {
                for (SqlStatement statement = cursor.next(); statement != null; statement = cursor.next()) {
                    if (TRANSACTION_START.matcher(statement.code()).matches()) {
                        last = new Located(script, statement);
                    }
                }
            }
        }
        return Optional.ofNullable(last);
    }

    /**
     * A transaction statement's name as a user would write it: {@code BEGIN}, {@code START TRANSACTION},
     * {@code PREPARE TRANSACTION}, ...
     */
    static String firstWords(String code) {
        String[] words = code.split(" ");
        return words.length > 1 && (words[0].equals("START") || words[0].equals("PREPARE")) ? words[0] + " TRANSACTION"
                : words[0];
    }
}
