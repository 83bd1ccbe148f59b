package io.github.migrationtest.verifier.spring;

import io.github.migrationtest.verifier.report.ReportedSetting;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** One tool's Spring Boot settings: whether the application sets them, and what they say. */
abstract class ToolSettings {

    /**
     * Settings that concern the connection or when the tool runs, not the history: the verification
     * always runs on a disposable database, so these are neither applied nor worth a warning.
     */
    private static final Set<String> CONNECTION = Stream.of("enabled", "url", "user", "password", "driver-class-name",
            "fail-on-missing-locations", "check-location", "connect-retries", "connect-retries-interval", "init-sqls",
            "drop-first", "clear-checksums", "test-rollback-on-update", "tag", "rollback-file", "show-summary",
            "show-summary-output", "ui-service", "validate-on-migrate", "validate-migration-naming", "clean-disabled",
            "clean-on-validation-error", "lock-retry-count", "group", "mixed", "out-of-order", "ignore-migration-patterns")
            .map(RelaxedNames::canonical).collect(Collectors.toSet());

    final SpringEnvironment spring;
    final HistoryLocations locations;
    private final String prefix;

    ToolSettings(SpringEnvironment spring, HistoryLocations locations, String prefix) {
        this.spring = spring;
        this.locations = locations;
        this.prefix = prefix;
    }

    /** Whether the application sets any of the tool's settings and has not switched the tool off. */
    boolean configured() {
        return spring.hasAny(prefix) && enabled();
    }

    /** Whether the tool's default location holds a history (Spring Boot runs it then without any setting). */
    abstract boolean defaultPresent();

    abstract SpringMigrationSettings settings(List<String> profiles);

    boolean enabled() {
        return spring.get(prefix + ".enabled").map(v -> !v.value().strip().equalsIgnoreCase("false")).orElse(true);
    }

    /** The tool's settings this reading does not apply, by name, for the log: nothing the user set passes silently. */
    List<String> notApplied(Set<String> applied) {
        Set<String> known = Stream.concat(applied.stream().map(RelaxedNames::canonical), CONNECTION.stream()).collect(Collectors.toSet());
        return spring.map(prefix).values().stream().map(SpringEnvironment.Value::name)
                .filter(name -> !known.contains(RelaxedNames.canonical(name.substring(prefix.length() + 1).replaceAll("[.\\[].*$", ""))))
                .distinct().sorted().toList();
    }

    static ReportedSetting reported(SpringEnvironment.Value value) {
        return new ReportedSetting(value.name(), value.value(), value.origin());
    }

    static ReportedSetting reported(String name, Map.Entry<String, SpringEnvironment.Value> entry) {
        return new ReportedSetting(name + "." + entry.getKey(), entry.getValue().value(), entry.getValue().origin());
    }
}
