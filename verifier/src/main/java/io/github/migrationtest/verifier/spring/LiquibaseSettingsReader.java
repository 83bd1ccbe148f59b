package io.github.migrationtest.verifier.spring;

import io.github.migrationtest.verifier.report.ReportedSetting;
import io.github.migrationtest.verifier.source.SourceType;
import io.github.migrationtest.verifier.spring.HistoryLocations.Found;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** {@code spring.liquibase.*}: the changelog, contexts, labels, parameters and schemas Spring Boot gives Liquibase. */
final class LiquibaseSettingsReader extends ToolSettings {

    private static final String PREFIX = "spring.liquibase";
    static final String DEFAULT_CHANGELOG = "classpath:/db/changelog/db.changelog-master.yaml";
    /** Spring Boot 3 calls the labels {@code label-filter}; Spring Boot 2 called them {@code labels}. */
    private static final Set<String> APPLIED = Set.of("change-log", "contexts", "label-filter", "labels", "parameters",
            "default-schema", "liquibase-schema");

    LiquibaseSettingsReader(SpringEnvironment spring, HistoryLocations locations) {
        super(spring, locations, PREFIX);
    }

    @Override
    boolean defaultPresent() {
        return enabled() && locations.find(DEFAULT_CHANGELOG).isPresent();
    }

    @Override
    SpringMigrationSettings settings(List<String> profiles) {
        List<ReportedSetting> reported = new ArrayList<>();
        Optional<SpringEnvironment.Value> changeLog = spring.get(PREFIX + ".change-log");
        String wanted = changeLog.map(SpringEnvironment.Value::value).orElse(DEFAULT_CHANGELOG).strip();
        Found found = locations.find(wanted).orElseThrow(() -> new SpringSettingsException("No Liquibase changelog at "
                + wanted + " (" + changeLog.map(v -> v.name() + " in " + v.origin()).orElse("Spring Boot's default")
                + "): fix the setting, or give the changelog's location"));
        changeLog.ifPresent(v -> reported.add(new ReportedSetting(v.name(), v.value() + " -> " + found.display(), v.origin())));
        String contexts = joined("contexts", reported);
        String labels = joined("label-filter", reported);
        if (labels == null) {
            labels = joined("labels", reported);
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (Map.Entry<String, SpringEnvironment.Value> entry : spring.map(PREFIX + ".parameters").entrySet()) {
            parameters.put(entry.getKey(), entry.getValue().value());
            reported.add(reported(PREFIX + ".parameters", entry));
        }
        String defaultSchema = schema("default-schema", reported);
        String liquibaseSchema = schema("liquibase-schema", reported);
        String chosenContexts = contexts;
        String chosenLabels = labels;
        return new SpringMigrationSettings(SourceType.LIQUIBASE, found.location(), profiles, reported, notApplied(APPLIED),
                Optional.empty(), options -> options.withLiquibaseContexts(chosenContexts).withLiquibaseLabels(chosenLabels)
                        .withLiquibaseParameters(parameters).withLiquibaseSchemas(defaultSchema, liquibaseSchema));
    }

    /** A schema setting, which Spring Boot's SpringLiquibase sets on Liquibase's database as its command line does. */
    private String schema(String name, List<ReportedSetting> reported) {
        Optional<SpringEnvironment.Value> value = spring.get(PREFIX + "." + name).filter(v -> !v.value().isBlank());
        value.ifPresent(v -> reported.add(reported(v)));
        return value.map(SpringEnvironment.Value::value).orElse(null);
    }

    /** A list setting as Liquibase takes it: one comma-separated expression. */
    private String joined(String name, List<ReportedSetting> reported) {
        return spring.list(PREFIX + "." + name).filter(items -> !items.isEmpty()).map(items -> {
            String value = items.stream().map(SpringEnvironment.Value::value).collect(Collectors.joining(","));
            reported.add(new ReportedSetting(items.get(0).name().replaceAll("\\[\\d+]$", ""), value, items.get(0).origin()));
            return value;
        }).orElse(null);
    }
}
