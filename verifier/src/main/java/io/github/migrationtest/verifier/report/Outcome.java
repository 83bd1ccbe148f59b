package io.github.migrationtest.verifier.report;

/** What became of one check. */
public enum Outcome {
    /** The claim holds. */
    PASSED,
    /** The claim does not hold; the result says why. */
    FAILED,
    /** Not run, on purpose: below the floor, irreversible, skipped or not chosen; the result says why. */
    SKIPPED,
    /** Not run because an earlier upgrade failed and the history could not be walked further. */
    NOT_REACHED
}
