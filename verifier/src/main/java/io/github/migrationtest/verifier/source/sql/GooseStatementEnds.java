package io.github.migrationtest.verifier.source.sql;

import io.github.migrationtest.verifier.source.HistoryFinding;
import io.github.migrationtest.verifier.source.HistoryFinding.Kind;
import io.github.migrationtest.verifier.source.script.SqlScript;
import io.github.migrationtest.verifier.source.script.SqlStatement;
import io.github.migrationtest.verifier.source.script.StatementCursor;
import io.github.migrationtest.verifier.source.script.TransactionRules;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Where goose itself ends a section's statements, checked against where they end. Outside a {@code StatementBegin} /
 * {@code StatementEnd} block goose does not read SQL: it ends a statement at every line whose last word (before a
 * {@code --} comment) ends in {@code ;}, and refuses a section whose last statement has no such line ("unexpected
 * unfinished SQL query: missing semicolon?", its parser's {@code ParseSQLMigration}). So a function body, a string or
 * a comment with a line ending in {@code ;} is sent cut in two, which Postgres rejects: in production, not in a
 * verifier that splits as {@code psql} does. Both are errors here, naming the line.
 */
final class GooseStatementEnds {

    private GooseStatementEnds() {}

    /**
     * What goose would refuse or break in {@code part}, a section read by {@link GooseSections}; {@code text} is the
     * text of the part's source (read once for both sections).
     */
    static List<HistoryFinding> check(ScriptPart part, String direction, String text) {
        int from = Math.min(part.from(), text.length());
        int to = Math.min(part.to(), text.length());
        List<Integer> gooseEnds = new ArrayList<>();
        Optional<Integer> unfinished = gooseEnds(text, from, to, gooseEnds);
        List<HistoryFinding> findings = new ArrayList<>();
        // goose sends each of its statements (a line ending in ';', a block) as one query
        List<Integer> queryEnds = new ArrayList<>(gooseEnds);
        queryEnds.addAll(part.cuts());
        Collections.sort(queryEnds);
        OneQuery query = new OneQuery(-1);
        SqlScript script = part.parse();
        try (StatementCursor cursor = script.open()) {
            for (SqlStatement statement = cursor.next(); statement != null; statement = cursor.next()) {
                int start = statement.offset();
                int end = start + statement.sql().length();
                int index = -Collections.binarySearch(queryEnds, start) - 1;
                if (index != query.index()) {
                    query.refused(part, direction).ifPresent(findings::add);
                    query = new OneQuery(index);
                }
                query.add(statement);
                for (int cut : gooseEnds) {
                    if (cut > start && cut < end) {
                        int line = lineOf(text, cut);
                        findings.add(HistoryFinding.error(Kind.MALFORMED_MIGRATION, part.display() + ":" + line,
                                "ends in ';', where goose ends the " + direction + "'s statement that starts at line "
                                        + statement.line() + ": goose sends it cut in two, which Postgres rejects",
                                "enclose that statement in '-- +goose StatementBegin' and '-- +goose StatementEnd'"));
                        break;
                    }
                }
            }
        }
        query.refused(part, direction).ifPresent(findings::add);
        unfinished.ifPresent(start -> findings.add(HistoryFinding.error(Kind.MALFORMED_MIGRATION,
                part.display() + ":" + lineOf(text, start), "starts a statement of the " + direction
                        + " with no line ending in ';' after it, which goose refuses (\"unexpected unfinished SQL"
                        + " query: missing semicolon?\")", "end the statement with ';'")));
        return findings;
    }

    /** The statements goose sends as one query; Postgres runs such a query as one transaction. */
    private static final class OneQuery {
        private final int index;
        private int statements;
        private SqlStatement refused;
        private String what;

        OneQuery(int index) {
            this.index = index;
        }

        int index() {
            return index;
        }

        void add(SqlStatement statement) {
            statements++;
            if (refused == null) {
                TransactionRules.refusedInTransaction(statement).ifPresent(name -> {
                    refused = statement;
                    what = name;
                });
            }
        }

        /**
         * An error when the query holds a statement Postgres refuses in a transaction beside others: in a file marked
         * NO TRANSACTION (elsewhere the step fails in goose's transaction anyway, and so it does here).
         */
        Optional<HistoryFinding> refused(ScriptPart part, String direction) {
            if (refused == null || statements < 2 || part.outsideTransaction().isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(HistoryFinding.error(Kind.MALFORMED_MIGRATION, part.display() + ":" + refused.line(),
                    "runs " + what + " in one query with " + (statements - 1) + " other statement(s) of the " + direction
                            + " (goose sends a StatementBegin block, or the lines up to one ending in ';', as one query),"
                            + " which Postgres runs as one transaction and refuses, NO TRANSACTION or not",
                    "give it a block or a migration of its own"));
        }
    }

    /**
     * Adds to {@code ends} the offset after each line where goose ends a statement outside a block; returns where an
     * unfinished statement starts, when the section ends inside one.
     */
    private static Optional<Integer> gooseEnds(String text, int from, int to, List<Integer> ends) {
        boolean inBlock = false;
        int pending = -1;
        boolean pendingText = false;
        int lineStart = from;
        while (lineStart < to) {
            int newline = text.indexOf('\n', lineStart);
            int lineEnd = newline < 0 || newline > to ? to : newline;
            String line = text.substring(lineStart, lineEnd);
            String word = GooseSections.annotation(line);
            if (word.equals(GooseAnnotations.STATEMENT_BEGIN)) {
                inBlock = true;
            } else if (word.equals(GooseAnnotations.STATEMENT_END)) {
                inBlock = false;
                pending = -1; // the block is one statement, ended here (GooseSections' cut)
            } else if (!inBlock && word.isEmpty()) {
                String trimmed = line.strip();
                if (pending < 0 && (line.isEmpty() || trimmed.startsWith("--"))) {
                    // goose skips comments and empty lines before a statement; a line of spaces it keeps
                } else {
                    if (pending < 0) {
                        pending = lineStart;
                        pendingText = false;
                    }
                    pendingText |= !trimmed.isEmpty();
                    if (endsWithSemicolon(line)) {
                        ends.add(lineEnd);
                        pending = -1;
                    }
                }
            }
            lineStart = lineEnd + 1;
        }
        return pending < 0 || !pendingText ? Optional.empty() : Optional.of(pending); // goose trims what it kept
    }

    /** goose's test: the last whitespace-separated word before one that starts with {@code --} ends in {@code ;}. */
    static boolean endsWithSemicolon(String line) {
        String last = "";
        for (String word : line.strip().split("\\s+")) {
            if (word.startsWith("--")) {
                break;
            }
            last = word;
        }
        return last.endsWith(";");
    }

    private static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
