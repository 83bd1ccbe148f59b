package io.github.migrationtest.verifier.report;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * One revision's results, per check.
 *
 * @param id the revision id (version, changeset id)
 * @param description the revision's name
 * @param checks the result of each per-revision check that was asked for
 * @param timings where its time went
 */
public record RevisionReport(String id, String description, Map<Check, CheckResult> checks, Timings timings) {

    public RevisionReport {
        EnumMap<Check, CheckResult> copy = new EnumMap<>(Check.class);
        copy.putAll(checks);
        checks = Collections.unmodifiableMap(copy);
    }

    public Optional<CheckResult> result(Check check) {
        return Optional.ofNullable(checks.get(check));
    }

    /** "3 (add email index)", or just the id when there is no description. */
    public String label() {
        return description == null || description.isBlank() ? id : id + " (" + description + ")";
    }
}
