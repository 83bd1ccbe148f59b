package io.github.migrationtest.verifier.report;

import io.github.migrationtest.verifier.safety.SafetyFinding;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One revision's results, per check.
 *
 * @param id the revision id (version, changeset id)
 * @param description the revision's name
 * @param checks the result of each per-revision check that was asked for
 * @param timings where its time went
 * @param safety what measuring its upgrade and downgrade found, in the order found
 */
public record RevisionReport(String id, String description, Map<Check, CheckResult> checks, Timings timings,
                             List<SafetyFinding> safety) {

    /** A revision's results without safety findings (not measured). */
    public RevisionReport(String id, String description, Map<Check, CheckResult> checks, Timings timings) {
        this(id, description, checks, timings, List.of());
    }

    public RevisionReport {
        safety = safety == null ? List.of() : List.copyOf(safety);
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
