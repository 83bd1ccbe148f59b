package io.github.migrationtest.verifier.source.script;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which statements behave differently when their transaction is not committed before the next step
 * runs in it: a script holding one must commit on its own, so a downgrade and the upgrade after it
 * cannot share one transaction that is rolled back afterwards.
 */
public final class CommitRules {

    private record Rule(Pattern pattern, String why) {
        Rule(String regex, String why) {
            this(Pattern.compile(regex), why);
        }
    }

    private static final List<Rule> COMMIT_SENSITIVE = List.of(
            // A label added in a transaction cannot be used until it commits (unless the type is new in it).
            new Rule("^ALTER TYPE\\b.*\\bADD VALUE\\b.*", "ALTER TYPE ... ADD VALUE: the label is usable only after a commit"),
            // Deferred checks and constraint triggers run at commit: a step's violation would surface later or never.
            new Rule(".*\\bDEFERR(ABLE|ED)\\b.*", "deferred constraint checks run at commit"),
            new Rule("^SET CONSTRAINTS\\b.*", "SET CONSTRAINTS changes checks that run at commit"));

    private static final ScriptFacts<Optional<String>> KNOWN = new ScriptFacts<>(CommitRules::firstReason);

    private CommitRules() {
    }

    /** Why the script's effect depends on its transaction committing before the next step; empty when it does not. */
    public static Optional<String> reasonToCommit(SqlScript script) {
        return KNOWN.of(script);
    }

    private static Optional<String> firstReason(SqlScript script) {
        try (StatementCursor cursor = script.open()) {
            for (SqlStatement statement = cursor.next(); statement != null; statement = cursor.next()) {
                for (Rule rule : COMMIT_SENSITIVE) {
                    if (rule.pattern().matcher(statement.code()).matches()) {
                        return Optional.of(script.file() + ":" + statement.line() + ": " + rule.why());
                    }
                }
            }
        }
        return Optional.empty();
    }
}
