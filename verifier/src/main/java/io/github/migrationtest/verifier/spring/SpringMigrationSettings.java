package io.github.migrationtest.verifier.spring;

import io.github.migrationtest.verifier.report.ReportedSetting;
import io.github.migrationtest.verifier.source.SourceOptions;
import io.github.migrationtest.verifier.source.SourceType;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * How a Spring Boot application runs its migrations, read from its {@code spring.flyway.*} or
 * {@code spring.liquibase.*} settings: the history to verify and the tool's options.
 */
public final class SpringMigrationSettings {

    private final SourceType type;
    private final String location;
    private final List<String> profiles;
    private final List<ReportedSetting> settings;
    private final List<String> notApplied;
    private final Optional<String> historyTable;
    private final UnaryOperator<SourceOptions> options;
    private final boolean fromDefaults;

    SpringMigrationSettings(SourceType type, String location, List<String> profiles, List<ReportedSetting> settings,
                            List<String> notApplied, Optional<String> historyTable, UnaryOperator<SourceOptions> options) {
        this(type, location, profiles, settings, notApplied, historyTable, options, false);
    }

    private SpringMigrationSettings(SourceType type, String location, List<String> profiles, List<ReportedSetting> settings,
                                    List<String> notApplied, Optional<String> historyTable,
                                    UnaryOperator<SourceOptions> options, boolean fromDefaults) {
        this.type = type;
        this.location = location;
        this.profiles = List.copyOf(profiles);
        this.settings = List.copyOf(settings);
        this.notApplied = List.copyOf(notApplied);
        this.historyTable = historyTable;
        this.options = options;
        this.fromDefaults = fromDefaults;
    }

    /**
     * These settings, found at Spring Boot's default location rather than named by a setting: the kind of
     * history there is then detected as for any location (the application may not use the tool at all).
     */
    SpringMigrationSettings fromDefaults() {
        return new SpringMigrationSettings(type, location, profiles, settings, notApplied, historyTable, options, true);
    }

    /** {@link SourceType#FLYWAY} or {@link SourceType#LIQUIBASE}. */
    public SourceType type() {
        return type;
    }

    /** The history to open: a Flyway location or a Liquibase changelog, as the verifier opens it. */
    public String location() {
        return location;
    }

    /** The settings used, each with the file or variable it came from. */
    public List<ReportedSetting> settings() {
        return settings;
    }

    /** Settings of the tool the application has but the verification does not apply (it says so). */
    public List<String> notApplied() {
        return notApplied;
    }

    /** The Flyway history table's name when the settings rename it: it is bookkeeping, left out of snapshots. */
    public Optional<String> historyTable() {
        return historyTable;
    }

    /** The options with the tool's settings applied (type, placeholders, schemas, contexts...). */
    public SourceOptions applyTo(SourceOptions base) {
        return options.apply(fromDefaults ? base : base.withType(type));
    }

    /**
     * One line for the log: {@code Flyway settings from src/main/resources/application.yml (profile test):
     * locations=classpath:db/migration, table=app_history}; a setting from another file than the first
     * says which.
     */
    public String describe() {
        Set<String> origins = settings.stream().map(ReportedSetting::origin).collect(Collectors.toCollection(LinkedHashSet::new));
        String first = origins.isEmpty() ? "Spring Boot's defaults" : origins.iterator().next();
        StringBuilder line = new StringBuilder(type == SourceType.FLYWAY ? "Flyway" : "Liquibase")
                .append(" settings from ").append(origins.isEmpty() ? first : String.join(", ", origins));
        if (!profiles.isEmpty()) {
            line.append(profiles.size() == 1 ? " (profile " : " (profiles ").append(String.join(", ", profiles)).append(')');
        }
        line.append(": ").append(settings.isEmpty() ? "location=" + location : settings.stream()
                .map(s -> shortName(s.name()) + "=" + s.value() + (origins.size() > 1 && !s.origin().equals(first)
                        ? " [" + s.origin() + "]" : ""))
                .collect(Collectors.joining(", ")));
        if (!notApplied.isEmpty()) {
            line.append("; not applied: ").append(String.join(", ", notApplied));
        }
        return line.toString();
    }

    /** {@code spring.flyway.table} as {@code table}: the line already says whose settings they are. */
    private static String shortName(String name) {
        return name.replaceFirst("(?i)^spring[._]+(flyway|liquibase)[._]+", "");
    }

    @Override
    public String toString() {
        return describe();
    }
}
