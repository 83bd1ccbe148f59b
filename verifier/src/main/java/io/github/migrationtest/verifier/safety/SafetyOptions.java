package io.github.migrationtest.verifier.safety;

import java.util.EnumSet;
import java.util.Set;

/**
 * Whether safety is measured, and which findings fail the verification.
 *
 * @param measure false to skip measuring ({@code --no-safety}): no per-statement queries, no findings
 * @param failOn findings that fail the verification unless a {@code -- migrationtest:allow} accepts them
 * @param lint false to skip the schema lint at head ({@code --no-lint}); without SchemaCrawler it is skipped anyway
 */
public record SafetyOptions(boolean measure, Set<Finding> failOn, boolean lint) {

    public SafetyOptions {
        failOn = failOn.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(failOn));
    }

    /** Measured as asked, with the schema lint at head. */
    public SafetyOptions(boolean measure, Set<Finding> failOn) {
        this(measure, failOn, true);
    }

    /** Measured and reported, nothing failed. */
    public static SafetyOptions defaults() {
        return new SafetyOptions(true, Set.of());
    }

    public SafetyOptions withMeasure(boolean value) {
        return new SafetyOptions(value, failOn, lint);
    }

    public SafetyOptions withFailOn(Set<Finding> value) {
        return new SafetyOptions(measure, value, lint);
    }

    public SafetyOptions withLint(boolean value) {
        return new SafetyOptions(measure, failOn, value);
    }

    /** Whether this finding fails the verification: named in failOn and not allowed on purpose. */
    public boolean fails(SafetyFinding found) {
        return failOn.contains(found.finding()) && !found.allowed();
    }

    /**
     * The findings named in a comma-separated list, as {@code --fail-on} and {@code migrationtest.failOn} take
     * it; {@code all} names every one.
     *
     * @throws IllegalArgumentException naming the unknown name and the known ones
     */
    public static Set<Finding> parseFindings(String list) {
        Set<Finding> found = EnumSet.noneOf(Finding.class);
        for (String name : list.split(",")) {
            String trimmed = name.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (trimmed.equalsIgnoreCase("all")) {
                found.addAll(EnumSet.allOf(Finding.class));
                continue;
            }
            found.add(Findings.named(trimmed).orElseThrow(() -> new IllegalArgumentException(
                    "Unknown safety finding '" + trimmed + "'; known: all, " + Findings.names())));
        }
        return found;
    }
}
