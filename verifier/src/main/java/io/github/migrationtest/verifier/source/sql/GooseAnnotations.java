package io.github.migrationtest.verifier.source.sql;

import io.github.migrationtest.verifier.source.HistoryFinding;
import io.github.migrationtest.verifier.source.HistoryFinding.Kind;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * goose's own reading of a file's annotations ({@code ParseSQLMigration}'s state machine), for what it refuses: a
 * second {@code Up}, a {@code Down} or {@code StatementBegin} out of place, a {@code StatementEnd} without its begin,
 * a block left open, SQL before {@code Up}. goose stops at such a file in production, so these are errors naming the
 * line. Newer goose also refuses a comment that holds {@code +goose} but no annotation it knows, or that is indented;
 * older goose ignored those, so they are warnings.
 */
final class GooseAnnotations {

    /** The annotations goose knows, in lower case as {@link #extract} gives them. */
    static final String UP = "up";
    static final String DOWN = "down";
    static final String STATEMENT_BEGIN = "statementbegin";
    static final String STATEMENT_END = "statementend";
    static final String NO_TRANSACTION = "no transaction";
    static final String ENVSUB_ON = "envsub on";
    static final String ENVSUB_OFF = "envsub off";
    private static final List<String> KNOWN = List.of(UP, DOWN, STATEMENT_BEGIN, STATEMENT_END, NO_TRANSACTION,
            ENVSUB_ON, ENVSUB_OFF);

    private enum State { START, UP, UP_BLOCK, DOWN, DOWN_BLOCK }

    private GooseAnnotations() {}

    /** The first thing goose refuses in {@code text}, as a finding on {@code display}'s line; empty when none. */
    static Optional<HistoryFinding> check(String display, String text) {
        State state = State.START;
        Optional<HistoryFinding> warning = Optional.empty();
        int number = 0;
        int blockLine = 0;
        // The first '+goose' line goose does not read: where the file then lacks its Up, that line was meant as the Up.
        String refusedWhere = null;
        String refusedLine = null;
        for (String line : text.split("\n", -1)) {
            number++;
            String where = display + ":" + number;
            String trimmed = line.strip();
            if (isAttempt(line)) {
                String annotation = extract(line).orElse("");
                if (annotation.isEmpty() && refusedWhere == null) {
                    refusedWhere = where;
                    refusedLine = line;
                }
                if (annotation.isEmpty() && warning.isEmpty()) {
                    warning = Optional.of(HistoryFinding.warning(Kind.MALFORMED_MIGRATION, where, "holds '+goose' but no"
                            + " annotation goose knows" + (Character.isWhitespace(line.charAt(0)) ? " (it is indented)" : "")
                            + ", which recent goose refuses (\"failed to parse annotation line\"; older goose ignored it)",
                            "write one of -- +goose Up, Down, StatementBegin, StatementEnd, NO TRANSACTION, ENVSUB ON,"
                                    + " ENVSUB OFF at the line's start, or leave '+goose' out of the comment"));
                }
                switch (annotation) {
                    case UP -> {
                        if (state != State.START) {
                            return error(where, "a second '-- +goose Up', which goose refuses (\"duplicate '-- +goose Up'"
                                    + " annotations\")", "keep one Up section per file");
                        }
                        state = State.UP;
                    }
                    case DOWN -> {
                        if (state != State.UP) {
                            return error(where, (state == State.START ? "'-- +goose Down' before '-- +goose Up'"
                                    : state == State.DOWN ? "a second '-- +goose Down'" : "'-- +goose Down' inside a"
                                    + " StatementBegin block") + ", which goose refuses", "keep one Up, then one Down");
                        }
                        state = State.DOWN;
                    }
                    case STATEMENT_BEGIN -> {
                        if (state != State.UP && state != State.DOWN) {
                            return error(where, "'-- +goose StatementBegin' " + (state == State.START ? "before '-- +goose"
                                    + " Up'" : "inside another block") + ", which goose refuses",
                                    "close the block before it with '-- +goose StatementEnd'");
                        }
                        state = state == State.UP ? State.UP_BLOCK : State.DOWN_BLOCK;
                        blockLine = number;
                    }
                    case STATEMENT_END -> {
                        if (state != State.UP_BLOCK && state != State.DOWN_BLOCK) {
                            return error(where, "'-- +goose StatementEnd' without its StatementBegin, which goose refuses",
                                    "add '-- +goose StatementBegin' where the statement starts, or remove this line");
                        }
                        state = state == State.UP_BLOCK ? State.UP : State.DOWN;
                    }
                    default -> { }
                }
                continue;
            }
            if (state == State.START && !trimmed.isEmpty() && !trimmed.startsWith("--")) {
                return refusedWhere != null ? withoutUp(refusedWhere, refusedLine) : error(where, "is SQL before"
                        + " '-- +goose Up', which goose refuses (\"unexpected state 0 on line\")",
                        "move it below '-- +goose Up'");
            }
        }
        if (state == State.START) {
            return refusedWhere != null ? withoutUp(refusedWhere, refusedLine) : error(display, "has no '-- +goose Up'"
                    + " annotation, which goose refuses (\"must start with '-- +goose Up' annotation\")",
                    "start the upgrade with a line '-- +goose Up'");
        }
        if (state == State.UP_BLOCK || state == State.DOWN_BLOCK) {
            return error(display + ":" + blockLine, "opens a '-- +goose StatementBegin' block that no StatementEnd"
                    + " closes, which goose refuses (\"missing '-- +goose StatementEnd' annotation\")",
                    "close it with '-- +goose StatementEnd'");
        }
        return warning; // an error after it is what goose stops at either way
    }

    /**
     * Whether goose takes the line for an annotation, to read or to refuse: a comment (after any indentation) that
     * holds {@code +goose}, as written (goose's {@code ParseSQLMigration}).
     */
    static boolean isAttempt(String line) {
        return line.strip().startsWith("--") && line.contains("+goose");
    }

    /**
     * The annotation goose reads in a line, in lower case ({@code no transaction}); empty where goose reads none or
     * refuses the line. As goose's {@code extractAnnotation}: an indented line is refused; every {@code --} and the
     * first {@code +goose} are removed and the rest trimmed, which must then equal an annotation but for case. So
     * {@code --+goose Up}, {@code ---- +goose Up} and {@code -- +goose Up --} are {@code Up}, while {@code --- +goose
     * Up} (leaving {@code - Up}), {@code -- +goose  NO  TRANSACTION} and {@code -- +goose Up -- note} are refused.
     */
    static Optional<String> extract(String line) {
        if (line.isEmpty() || line.charAt(0) == ' ' || line.charAt(0) == '\t' || !isAttempt(line)) {
            return Optional.empty();
        }
        String command = line.replace("--", "").replaceFirst("\\+goose", "");
        if (command.contains("+goose")) {
            return Optional.empty();
        }
        String annotation = command.strip().toLowerCase(Locale.ROOT);
        return KNOWN.contains(annotation) ? Optional.of(annotation) : Optional.empty();
    }

    /** goose refuses a file without an Up it reads: named at the '+goose' line it refused, which was meant as one. */
    private static Optional<HistoryFinding> withoutUp(String where, String line) {
        String leftover = line.replace("--", "").replaceFirst("\\+goose", "").strip(); // what goose compared
        String why = Character.isWhitespace(line.charAt(0)) ? "it is indented"
                : "without its dashes and '+goose' it is '" + leftover + "'";
        return error(where, "'" + line.strip() + "' is no annotation goose reads (" + why + "), so the file has"
                + " no '-- +goose Up', which goose refuses (\"failed to parse annotation line\"; older goose: \"must"
                + " start with '-- +goose Up' annotation\")", "write it as goose reads it, at the line's start:"
                + " '-- +goose Up' (two dashes, a space, +goose, a space, the annotation)");
    }

    private static Optional<HistoryFinding> error(String where, String message, String fix) {
        return Optional.of(HistoryFinding.error(Kind.MALFORMED_MIGRATION, where, message, fix));
    }
}
