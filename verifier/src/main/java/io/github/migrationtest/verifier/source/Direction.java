package io.github.migrationtest.verifier.source;

/** Which way a revision is applied. */
public enum Direction {
    UP,
    DOWN;

    /** Lower-case word for messages: "upgrade" or "downgrade". */
    public String verb() {
        return this == UP ? "upgrade" : "downgrade";
    }
}
