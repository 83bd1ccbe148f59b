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

    private static final List<String> KNOWN = List.of("up", "down", "statementbegin", "statementend", "no transaction",
            "envsub on", "envsub off");

    private enum State { START, UP, UP_BLOCK, DOWN, DOWN_BLOCK }

    private GooseAnnotations() {}

    /** The first thing goose refuses in {@code text}, as a finding on {@code display}'s line; empty when none. */
    static Optional<HistoryFinding> check(String display, String text) {
        State state = State.START;
        Optional<HistoryFinding> warning = Optional.empty();
        int number = 0;
        int blockLine = 0;
        for (String line : text.split("\n", -1)) {
            number++;
            String where = display + ":" + number;
            String trimmed = line.strip();
            if (trimmed.startsWith("--") && line.contains("+goose")) {
                String annotation = annotation(line);
                if (!KNOWN.contains(annotation) && warning.isEmpty()) {
                    warning = Optional.of(HistoryFinding.warning(Kind.MALFORMED_MIGRATION, where, "holds '+goose' but no"
                            + " annotation goose knows" + (Character.isWhitespace(line.charAt(0)) ? " (it is indented)" : "")
                            + ", which recent goose refuses (\"failed to parse annotation line\"; older goose ignored it)",
                            "write one of -- +goose Up, Down, StatementBegin, StatementEnd, NO TRANSACTION, ENVSUB ON,"
                                    + " ENVSUB OFF at the line's start, or leave '+goose' out of the comment"));
                }
                switch (annotation) {
                    case "up" -> {
                        if (state != State.START) {
                            return error(where, "a second '-- +goose Up', which goose refuses (\"duplicate '-- +goose Up'"
                                    + " annotations\")", "keep one Up section per file");
                        }
                        state = State.UP;
                    }
                    case "down" -> {
                        if (state != State.UP) {
                            return error(where, (state == State.START ? "'-- +goose Down' before '-- +goose Up'"
                                    : state == State.DOWN ? "a second '-- +goose Down'" : "'-- +goose Down' inside a"
                                    + " StatementBegin block") + ", which goose refuses", "keep one Up, then one Down");
                        }
                        state = State.DOWN;
                    }
                    case "statementbegin" -> {
                        if (state != State.UP && state != State.DOWN) {
                            return error(where, "'-- +goose StatementBegin' " + (state == State.START ? "before '-- +goose"
                                    + " Up'" : "inside another block") + ", which goose refuses",
                                    "close the block before it with '-- +goose StatementEnd'");
                        }
                        state = state == State.UP ? State.UP_BLOCK : State.DOWN_BLOCK;
                        blockLine = number;
                    }
                    case "statementend" -> {
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
                return error(where, "is SQL before '-- +goose Up', which goose refuses (\"unexpected state 0 on line\")",
                        "move it below '-- +goose Up'");
            }
        }
        if (state == State.UP_BLOCK || state == State.DOWN_BLOCK) {
            return error(display + ":" + blockLine, "opens a '-- +goose StatementBegin' block that no StatementEnd"
                    + " closes, which goose refuses (\"missing '-- +goose StatementEnd' annotation\")",
                    "close it with '-- +goose StatementEnd'");
        }
        return warning; // an error after it is what goose stops at either way
    }

    /** As goose's extractAnnotation: every {@code --} and the first {@code +goose} removed, trimmed, spaces kept. */
    private static String annotation(String line) {
        if (Character.isWhitespace(line.charAt(0))) {
            return "";
        }
        String command = line.replace("--", "").replaceFirst("\\+goose", "");
        if (command.contains("+goose")) {
            return "";
        }
        return command.strip().toLowerCase(Locale.ROOT);
    }

    private static Optional<HistoryFinding> error(String where, String message, String fix) {
        return Optional.of(HistoryFinding.error(Kind.MALFORMED_MIGRATION, where, message, fix));
    }
}
