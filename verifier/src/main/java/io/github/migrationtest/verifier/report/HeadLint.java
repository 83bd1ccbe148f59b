package io.github.migrationtest.verifier.report;

import io.github.migrationtest.verifier.safety.SafetyFinding;
import java.time.Duration;
import java.util.List;

/**
 * The schema lint of the head schema, once the whole history is applied.
 *
 * @param findings the {@code LINT_*} findings, in table order
 * @param time what the lint took
 * @param skipped why it did not run (SchemaCrawler absent, or it failed); empty when it ran or was not asked for
 */
public record HeadLint(List<SafetyFinding> findings, Duration time, String skipped) {

    /** Not run: turned off, or head not reached. */
    public static final HeadLint NONE = new HeadLint(List.of(), Duration.ZERO, "");

    public HeadLint {
        findings = List.copyOf(findings);
        skipped = skipped == null ? "" : skipped;
    }
}
