package io.github.migrationtest.verifier.report;

import java.nio.charset.StandardCharsets;

/**
 * A Markdown text that stays within a size in bytes: what does not fit is left out and counted, and
 * the closing line says what was left out, so a reader never takes a cut summary for the whole.
 */
final class MarkdownBudget {

    /** Room always kept for the closing line. */
    private static final int CLOSING_ROOM = 512;

    private final StringBuilder text = new StringBuilder();
    private final int maxBytes;
    private int bytes;
    private int rowsLeftOut;
    private int failuresLeftOut;

    MarkdownBudget(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** Text that must be there (headings, the counts); it is small. */
    void append(String piece) {
        text.append(piece);
        bytes += bytes(piece);
    }

    void appendRow(String row) {
        if (!fits(row)) {
            rowsLeftOut++;
            return;
        }
        append(row);
    }

    void appendFailure(String failure) {
        if (!fits(failure)) {
            failuresLeftOut++;
            return;
        }
        append(failure);
    }

    private boolean fits(String piece) {
        return bytes + bytes(piece) + CLOSING_ROOM <= maxBytes;
    }

    /** The text, with a line saying what was left out, if anything was. */
    String close() {
        if (rowsLeftOut > 0 || failuresLeftOut > 0) {
            text.append("\n**Left out to stay within ").append(size()).append("** (GitHub shows no job summary"
                    + " larger than 1 MiB): ");
            if (rowsLeftOut > 0) {
                text.append(rowsLeftOut).append(rowsLeftOut == 1 ? " revision row" : " revision rows")
                        .append(failuresLeftOut > 0 ? " and " : "");
            }
            if (failuresLeftOut > 0) {
                text.append(failuresLeftOut).append(failuresLeftOut == 1 ? " failure" : " failures");
            }
            text.append(". The command's output and its --json report have them all.\n");
        }
        return text.toString();
    }

    private String size() {
        return maxBytes % (1024 * 1024) == 0 ? maxBytes / (1024 * 1024) + " MiB" : maxBytes + " bytes";
    }

    private static int bytes(String piece) {
        return piece.getBytes(StandardCharsets.UTF_8).length;
    }
}
