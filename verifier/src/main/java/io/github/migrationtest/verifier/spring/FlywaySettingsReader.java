package io.github.migrationtest.verifier.spring;

import io.github.migrationtest.verifier.report.ReportedSetting;
import io.github.migrationtest.verifier.source.FlywayNames;
import io.github.migrationtest.verifier.source.SourceOptions.FlywayOptions;
import io.github.migrationtest.verifier.source.SourceType;
import io.github.migrationtest.verifier.source.flyway.FlywaySourceProvider;
import io.github.migrationtest.verifier.spring.HistoryLocations.Found;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** {@code spring.flyway.*}: the locations, placeholders, schemas, history table and file names Spring Boot gives Flyway. */
final class FlywaySettingsReader extends ToolSettings {

    private static final String PREFIX = "spring.flyway";
    static final String DEFAULT_LOCATION = "classpath:db/migration";
    /** Spring Boot's {@code {vendor}} in a location is the database's: always Postgres here. */
    private static final String VENDOR = "postgresql";
    private static final Set<String> APPLIED = Set.of("locations", "placeholders", "schemas", "default-schema", "table",
            "placeholder-prefix", "placeholder-suffix", "placeholder-replacement", "sql-migration-prefix",
            "undo-sql-migration-prefix", "repeatable-sql-migration-prefix", "baseline-migration-prefix",
            "sql-migration-separator", "sql-migration-suffixes", "validate-migration-naming");

    FlywaySettingsReader(SpringEnvironment spring, HistoryLocations locations) {
        super(spring, locations, PREFIX);
    }

    @Override
    boolean defaultPresent() {
        FlywayNames names = names(new ArrayList<>());
        return enabled() && locations.find(DEFAULT_LOCATION).filter(found -> hasVersions(found.path(), names)).isPresent();
    }

    @Override
    SpringMigrationSettings settings(List<String> profiles) {
        List<ReportedSetting> reported = new ArrayList<>();
        List<SpringEnvironment.Value> given = spring.list(PREFIX + ".locations").orElse(List.of());
        List<String> wanted = given.isEmpty() ? List.of(DEFAULT_LOCATION) : given.stream().map(SpringEnvironment.Value::value).toList();
        List<ReportedSetting> naming = new ArrayList<>();
        FlywayNames names = names(naming);
        Found main = mainLocation(wanted, given, names);
        List<String> extras = wanted.stream().map(l -> l.replace("{vendor}", VENDOR)).map(locations::find)
                .flatMap(Optional::stream).filter(found -> !found.location().equals(main.location()))
                .map(found -> found.location().contains(":") ? found.location() : "filesystem:" + found.location()).toList();
        if (!given.isEmpty()) {
            reported.add(new ReportedSetting(given.get(0).name().replaceAll("\\[\\d+]$", ""),
                    String.join(",", wanted) + " -> " + main.display(), given.get(0).origin()));
        }
        Map<String, String> placeholders = new LinkedHashMap<>();
        for (Map.Entry<String, SpringEnvironment.Value> entry : spring.map(PREFIX + ".placeholders").entrySet()) {
            placeholders.put(entry.getKey(), entry.getValue().value());
            reported.add(reported(PREFIX + ".placeholders", entry));
        }
        List<String> schemas = spring.list(PREFIX + ".schemas").map(items -> {
            reported.add(new ReportedSetting(items.get(0).name().replaceAll("\\[\\d+]$", ""),
                    items.stream().map(SpringEnvironment.Value::value).collect(Collectors.joining(",")), items.get(0).origin()));
            return items.stream().map(SpringEnvironment.Value::value).toList();
        }).orElse(List.of());
        String defaultSchema = single("default-schema", reported);
        String table = single("table", reported);
        String prefix = single("placeholder-prefix", reported);
        String suffix = single("placeholder-suffix", reported);
        String replacement = single("placeholder-replacement", reported);
        String validateNaming = single("validate-migration-naming", reported);
        reported.addAll(naming);
        FlywayOptions flyway = new FlywayOptions(extras, schemas, defaultSchema, table, prefix, suffix,
                replacement == null ? null : Boolean.valueOf(replacement.strip()), names,
                validateNaming == null ? null : Boolean.valueOf(validateNaming.strip()));
        return new SpringMigrationSettings(SourceType.FLYWAY, main.location(), profiles, reported, notApplied(APPLIED),
                Optional.ofNullable(table), options -> options.withPlaceholders(placeholders).withFlyway(flyway));
    }

    /**
     * Flyway's file names as Spring Boot sets them ({@code spring.flyway.sql-migration-prefix=}, an empty prefix, is
     * set, not left out); what was read is added to {@code reported}.
     */
    private FlywayNames names(List<ReportedSetting> reported) {
        List<String> suffixes = spring.list(PREFIX + ".sql-migration-suffixes").map(items -> {
            reported.add(new ReportedSetting(items.isEmpty() ? PREFIX + ".sql-migration-suffixes"
                    : items.get(0).name().replaceAll("\\[\\d+]$", ""),
                    items.stream().map(SpringEnvironment.Value::value).collect(Collectors.joining(",")),
                    items.isEmpty() ? "" : items.get(0).origin()));
            return items.stream().map(SpringEnvironment.Value::value).toList();
        }).orElse(List.of());
        try {
            return new FlywayNames(single("sql-migration-prefix", reported), single("undo-sql-migration-prefix", reported),
                    single("repeatable-sql-migration-prefix", reported), single("baseline-migration-prefix", reported),
                    single("sql-migration-separator", reported), suffixes);
        } catch (IllegalArgumentException e) {
            throw new SpringSettingsException("spring.flyway.sql-migration-separator: " + e.getMessage());
        }
    }

    private String single(String name, List<ReportedSetting> reported) {
        Optional<SpringEnvironment.Value> value = spring.get(PREFIX + "." + name);
        value.ifPresent(v -> reported.add(reported(v)));
        return value.map(SpringEnvironment.Value::value).orElse(null);
    }

    /**
     * The main location: the first that holds versioned migrations (else the first found). The others reach Flyway
     * too (their versions, callbacks, repeatables), and their versions join the history in version order, as Flyway
     * merges its locations (a {@code common} folder beside a vendor's or a profile's).
     */
    private Found mainLocation(List<String> wanted, List<SpringEnvironment.Value> given, FlywayNames names) {
        List<Found> found = new ArrayList<>();
        for (String location : wanted) {
            locations.find(location.replace("{vendor}", VENDOR)).ifPresent(found::add);
        }
        String origin = given.isEmpty() ? "Spring Boot's default" : given.get(0).name() + " in " + given.get(0).origin();
        if (found.isEmpty()) {
            throw new SpringSettingsException("No Flyway migrations at " + String.join(", ", wanted) + " (" + origin
                    + "): the folder does not exist; fix the setting, or give the history's location");
        }
        return found.stream().filter(f -> hasVersions(f.path(), names)).findFirst().orElse(found.get(0));
    }

    private static boolean hasVersions(Path folder, FlywayNames names) {
        return FlywaySourceProvider.hasVersionedMigrations(folder, names);
    }
}
