package io.github.migrationtest.verifier.source.liquibase;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code --rollback} lines of one changeset of a formatted-SQL changelog, which place a failed rollback
 * statement: Liquibase's message names the changeset only, and its header line is not where the statement is.
 *
 * @param lines the changelog's lines
 * @param rollbacks the 0-based indexes of the changeset's {@code --rollback} lines
 * @param end the 0-based index after the changeset's last line
 */
record FormattedSqlRollback(List<String> lines, List<Integer> rollbacks, int end) {

    private static final Pattern HEADER = Pattern.compile("(?i)^\\s*--\\s*liquibase\\s+formatted\\s+sql\\b");
    private static final Pattern CHANGESET = Pattern.compile("(?i)^\\s*--\\s*changeset\\s");
    /** As Liquibase's formatted-SQL parser reads a rollback line: {@code --rollback} or {@code -- rollback}. */
    private static final Pattern ROLLBACK = Pattern.compile("(?i)^\\s*--\\s*rollback\\s?(.*)$");
    private static final Pattern COMMENT = Pattern.compile("^\\s*--");

    /** Where a failed statement is: its line (1-based), whether the file reads as that statement, and a plain comment that cut it short. */
    record Place(int line, boolean exact, int plainComment) {
    }

    /**
     * The changeset's rollback lines, when the changelog is formatted SQL and the changeset has any.
     *
     * @param changeSetLine the 1-based line of the changeset's {@code --changeset} header
     */
    static Optional<FormattedSqlRollback> of(String text, int changeSetLine) {
        List<String> lines = text.lines().toList();
        if (changeSetLine <= 0 || changeSetLine > lines.size()
                || lines.stream().filter(l -> !l.isBlank()).findFirst().filter(l -> HEADER.matcher(l).find()).isEmpty()) {
            return Optional.empty();
        }
        List<Integer> rollbacks = new ArrayList<>();
        int end = changeSetLine;
        for (; end < lines.size() && !CHANGESET.matcher(lines.get(end)).find(); end++) {
            if (ROLLBACK.matcher(lines.get(end)).matches()) {
                rollbacks.add(end);
            }
        }
        return rollbacks.isEmpty() ? Optional.empty() : Optional.of(new FormattedSqlRollback(lines, rollbacks, end));
    }

    /**
     * The rollback line the failed statement starts at (the first rollback line when Liquibase did not say, or
     * ran SQL from elsewhere); exact when the text from that line to its {@code ;}, as the file reads, is the statement.
     */
    Place place(Optional<String> failedSql) {
        int first = rollbacks.get(0);
        if (failedSql.isEmpty()) {
            return new Place(first + 1, false, 0);
        }
        String wanted = collapsed(failedSql.get());
        for (int i = 0; i < rollbacks.size(); i++) {
            StringBuilder rest = new StringBuilder();
            rollbacks.subList(i, rollbacks.size()).forEach(index -> rest.append(content(index)).append('\n'));
            if (collapsed(rest.toString()).startsWith(wanted)) {
                return asRead(rollbacks.get(i), wanted);
            }
        }
        return new Place(first + 1, false, 0);
    }

    /**
     * The statement a reader sees from this rollback line: the following lines up to the one ending with {@code ;},
     * comments and all (a plain {@code --} line between is not part of the rollback, but reads as if it were).
     */
    private Place asRead(int start, String wanted) {
        StringBuilder read = new StringBuilder();
        int plainComment = 0;
        for (int index = start; index < end; index++) {
            String line = lines.get(index);
            boolean rollback = ROLLBACK.matcher(line).matches();
            if (!rollback && COMMENT.matcher(line).find() && plainComment == 0) {
                plainComment = index + 1;
            }
            String part = rollback ? content(index) : line;
            read.append(part).append('\n');
            if (part.strip().endsWith(";")) {
                break;
            }
        }
        return new Place(start + 1, collapsed(read.toString()).equals(wanted), plainComment);
    }

    private String content(int index) {
        Matcher matcher = ROLLBACK.matcher(lines.get(index));
        return matcher.matches() ? matcher.group(1) : "";
    }

    /** Whitespace folded, case ignored, a statement's final {@code ;} left out (Liquibase leaves it out). */
    private static String collapsed(String sql) {
        String folded = sql.replaceAll("\\s+", " ").strip().toLowerCase(Locale.ROOT);
        return folded.endsWith(";") ? folded.substring(0, folded.length() - 1).strip() : folded;
    }
}
