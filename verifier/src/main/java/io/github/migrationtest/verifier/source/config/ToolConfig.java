package io.github.migrationtest.verifier.source.config;

import io.github.migrationtest.verifier.report.ReportedSetting;
import io.github.migrationtest.verifier.source.SourceOptions;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * What a migration tool's own configuration says about the history: the settings applied (each with the
 * file, variable or option it came from), the history it names when none was given, and the options.
 */
public final class ToolConfig {

    private final String tool;
    private final List<ReportedSetting> settings;
    private final List<String> notApplied;
    private final Optional<String> location;
    private final Optional<String> historyTable;
    private final UnaryOperator<SourceOptions> options;

    ToolConfig(String tool, List<ReportedSetting> settings, List<String> notApplied, Optional<String> location,
               Optional<String> historyTable, UnaryOperator<SourceOptions> options) {
        this.tool = tool;
        this.settings = List.copyOf(settings);
        this.notApplied = List.copyOf(notApplied);
        this.location = location;
        this.historyTable = historyTable;
        this.options = options;
    }

    /** Whether nothing was found: no file, variable or option set anything. */
    public boolean isEmpty() {
        return settings.isEmpty() && notApplied.isEmpty();
    }

    /** The history the configuration names (Flyway's {@code locations}, Liquibase's {@code changelogFile}). */
    public Optional<String> location() {
        return location;
    }

    /** Flyway's history table when renamed: bookkeeping, left out of snapshots. */
    public Optional<String> historyTable() {
        return historyTable;
    }

    public List<ReportedSetting> settings() {
        return settings;
    }

    /** The options with these settings applied. */
    public SourceOptions applyTo(SourceOptions base) {
        return options.apply(base);
    }

    /**
     * One line for the log: {@code Flyway settings from ./flyway.toml: placeholders.prefix=app, table=history
     * [FLYWAY_TABLE]}; a setting from another place than the first says which.
     */
    public String describe() {
        Set<String> origins = settings.stream().map(ReportedSetting::origin).collect(Collectors.toCollection(LinkedHashSet::new));
        String first = origins.isEmpty() ? "" : origins.iterator().next();
        StringBuilder line = new StringBuilder(tool).append(" settings");
        if (!origins.isEmpty()) {
            line.append(" from ").append(String.join(", ", origins)).append(": ").append(settings.stream()
                    .map(s -> s.name() + "=" + s.value() + (origins.size() > 1 && !s.origin().equals(first) ? " [" + s.origin() + "]" : ""))
                    .collect(Collectors.joining(", ")));
        }
        if (!notApplied.isEmpty()) {
            line.append(origins.isEmpty() ? ": " : "; ").append("not applied: ").append(String.join(", ", notApplied));
        }
        return line.toString();
    }

    @Override
    public String toString() {
        return describe();
    }
}
