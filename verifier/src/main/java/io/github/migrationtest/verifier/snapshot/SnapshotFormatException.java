package io.github.migrationtest.verifier.snapshot;

/** Thrown when text given to {@link SnapshotText#parse} is not a snapshot; names the line. */
public final class SnapshotFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final int line;
    private final String problem;

    public SnapshotFormatException(int line, String message) {
        super(line > 0 ? "snapshot line " + line + ": " + message : "snapshot: " + message);
        this.line = line;
        this.problem = message;
    }

    /** The 1-based line the problem is on, or 0 when it concerns the whole text. */
    public int line() {
        return line;
    }

    /** What is wrong, without the line: for messages that name the file and line themselves. */
    public String problem() {
        return problem;
    }
}
