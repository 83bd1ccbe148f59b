package io.github.migrationtest.junit;

import io.github.migrationtest.junit.MigrationTest.Database;
import io.github.migrationtest.verifier.VerifierOptions;
import io.github.migrationtest.verifier.safety.SafetyOptions;
import io.github.migrationtest.verifier.source.Durations;
import io.github.migrationtest.verifier.diff.DiffOptions;
import io.github.migrationtest.verifier.model.ModelContext;
import io.github.migrationtest.verifier.model.ModelException;
import io.github.migrationtest.verifier.model.ModelFile;
import io.github.migrationtest.verifier.model.ModelSpecException;
import io.github.migrationtest.verifier.model.Models;
import io.github.migrationtest.verifier.model.SchemaModel;
import io.github.migrationtest.verifier.postgres.Backend;
import io.github.migrationtest.verifier.postgres.MigrationLogin;
import io.github.migrationtest.verifier.postgres.PostgresSettings;
import io.github.migrationtest.verifier.report.Check;
import io.github.migrationtest.verifier.snapshot.SnapshotOptions;
import io.github.migrationtest.verifier.source.SourceOptions;
import io.github.migrationtest.verifier.source.config.NameValues;
import io.github.migrationtest.verifier.source.SourceType;
import io.github.migrationtest.verifier.spring.ApplicationFiles;
import io.github.migrationtest.verifier.spring.HistoryLocations;
import io.github.migrationtest.verifier.spring.SpringBootSettings;
import io.github.migrationtest.verifier.spring.SpringMigrationSettings;
import io.github.migrationtest.verifier.spring.SpringSettingsException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/** Reads a class's {@link MigrationTestConfig} from its annotation, the configuration parameters and the environment. */
final class ConfigReader {

    static final String DEFAULT_LOCATION = "classpath:db/migration";

    private final SettingLookup lookup;
    private final MigrationTest annotation;
    private final ProjectPaths paths;

    ConfigReader(SettingLookup lookup, MigrationTest annotation, ProjectPaths paths) {
        this.lookup = lookup;
        this.annotation = annotation;
        this.paths = paths;
    }

    static MigrationTestConfig read(ExtensionContext context, ProjectPaths paths) {
        return new ConfigReader(SettingLookup.of(context), annotationOf(context.getRequiredTestClass()), paths).read();
    }

    /** The annotation on the class, its superclasses or, for {@code @Nested} classes, an enclosing class. */
    private static MigrationTest annotationOf(Class<?> testClass) {
        for (Class<?> type = testClass; type != null; type = type.getEnclosingClass()) {
            Optional<MigrationTest> found = AnnotationSupport.findAnnotation(type, MigrationTest.class);
            if (found.isPresent()) {
                return found.get();
            }
        }
        return null; // configured entirely by properties, e.g. a class that only implements MigrationChecks
    }

    MigrationTestConfig read() {
        Optional<Setting> locationSetting = setting("location", MigrationTest::location, MigrationTest.LOCATION_PROPERTY_NAME);
        Optional<SpringMigrationSettings> spring = locationSetting.isPresent() ? Optional.empty() : springSettings();
        String location = paths.location(locationSetting.map(Setting::value)
                .orElse(spring.map(SpringMigrationSettings::location).orElse(DEFAULT_LOCATION)));
        SourceOptions source = SourceOptions.defaults().withClassLoader(paths.classLoader())
                .withType(setting("type", MigrationTest::type, MigrationTest.TYPE_PROPERTY_NAME)
                        .map(s -> s.parse(ConfigReader::sourceType)).orElse(null))
                .withLockTimeout(setting("lockTimeout", MigrationTest::lockTimeout,
                        MigrationTest.LOCK_TIMEOUT_PROPERTY_NAME).map(s -> s.parse(Durations::parse)).orElse(null))
                .withStatementTimeout(setting("statementTimeout", MigrationTest::statementTimeout,
                        MigrationTest.STATEMENT_TIMEOUT_PROPERTY_NAME).map(s -> s.parse(Durations::parse)).orElse(null))
                .withLiquibaseContexts(setting("liquibaseContexts", MigrationTest::liquibaseContexts,
                        MigrationTest.LIQUIBASE_CONTEXTS_PROPERTY_NAME).map(Setting::value).orElse(null))
                .withLiquibaseLabels(setting("liquibaseLabels", MigrationTest::liquibaseLabels,
                        MigrationTest.LIQUIBASE_LABELS_PROPERTY_NAME).map(Setting::value).orElse(null))
                .withLiquibaseSearchPath(list("liquibaseSearchPath", MigrationTest::liquibaseSearchPath,
                        MigrationTest.LIQUIBASE_SEARCH_PATH_PROPERTY_NAME, ",").stream()
                        .map(folder -> paths.projectDirectory().resolve(folder).normalize().toString()).toList())
                .withAlembicPython(setting("alembicPython", MigrationTest::alembicPython,
                        MigrationTest.ALEMBIC_PYTHON_PROPERTY_NAME).map(Setting::value).orElse(null))
                .withAlembicEnv(setting("alembicEnv", MigrationTest::alembicEnv, MigrationTest.ALEMBIC_ENV_PROPERTY_NAME)
                        .map(Setting::value).map(this::alembicEnv).orElse(null))
                .withAlembicName(setting("alembicName", MigrationTest::alembicName, MigrationTest.ALEMBIC_NAME_PROPERTY_NAME)
                        .map(Setting::value).orElse(null))
                .withAlembicX(list("alembicX", MigrationTest::alembicX, MigrationTest.ALEMBIC_X_PROPERTY_NAME, ","));
        if (spring.isPresent()) {
            source = withSpring(source, spring.get());
        }
        source = withNameValues(source);
        List<String> schemas = list("schemas", MigrationTest::schemas, MigrationTest.SCHEMAS_PROPERTY_NAME, ",");
        SnapshotOptions snapshot = SnapshotOptions.defaults().withSchemas(schemas.toArray(String[]::new))
                .withAlsoExcludedTables(spring.flatMap(SpringMigrationSettings::historyTable).stream().toArray(String[]::new))
                .withIncremental(lookup.fromKey(MigrationTest.INCREMENTAL_SNAPSHOTS_PROPERTY_NAME)
                        .map(s -> s.parse(ConfigReader::bool)).orElse(true));
        List<Path> initScripts = setting("initScripts", MigrationTest::initScripts, MigrationTest.INIT_SCRIPTS_PROPERTY_NAME)
                .map(this::initScripts).orElse(List.of());
        VerifierOptions verifier = VerifierOptions.defaults()
                .withSnapshot(snapshot)
                .withDiff(diff(schemas))
                .withInitScripts(initScripts)
                .withFloor(setting("floor", MigrationTest::floor, MigrationTest.FLOOR_PROPERTY_NAME)
                        .map(s -> s.value().trim()).orElse(null))
                .withIrreversible(irreversible())
                .withFileNamePattern(setting("fileNamePattern", MigrationTest::fileNamePattern,
                        MigrationTest.FILE_NAME_PATTERN_PROPERTY_NAME).map(s -> s.parse(ConfigReader::regex)).orElse(null))
                .withSkipped(Set.copyOf(list("skip", MigrationTest::skip, MigrationTest.SKIP_PROPERTY_NAME, ",")))
                .withProtect(protect())
                .withJobs(lookup.fromKey(MigrationTest.JOBS_PROPERTY_NAME).map(s -> s.parse(ConfigReader::jobs))
                        .orElse(VerifierOptions.AUTO_JOBS))
                .withSafety(SafetyOptions.defaults().withFailOn(setting("failOn", MigrationTest::failOn,
                        MigrationTest.FAIL_ON_PROPERTY_NAME).map(s -> s.parse(SafetyOptions::parseFindings)).orElse(Set.of())));
        Optional<Setting> model = setting("model", MigrationTest::model, MigrationTest.MODEL_PROPERTY_NAME);
        if (model.isPresent()) {
            verifier = verifier.withModel(model(model.get(), initScripts, location, source.alembic()))
                    .withSnapshotUpdate(snapshotUpdate());
        }
        Optional<Setting> checks = setting("checks", MigrationTest::checks, MigrationTest.CHECKS_PROPERTY_NAME);
        if (checks.isPresent()) {
            verifier = verifier.withChecks(checks(checks.get()));
        }
        Database database = setting("database", MigrationTest::database, MigrationTest.DATABASE_PROPERTY_NAME)
                .map(s -> s.parse(value -> oneOf(value, Database.PER_METHOD, Database.PER_CLASS))).orElse(Database.PER_METHOD);
        Setting startAt = setting("startAt", MigrationTest::startAt, MigrationTest.START_AT_PROPERTY_NAME)
                .orElse(new Setting("startAt", MigrationTestConfig.BASE));
        return new MigrationTestConfig(location, source, postgres(), verifier, database == Database.PER_CLASS, startAt, spring);
    }

    /** The application's own settings, read as Spring Boot reads them from the test class path. */
    private Optional<SpringMigrationSettings> springSettings() {
        List<String> profiles = lookup.fromKey(MigrationTest.SPRING_PROFILES_PROPERTY_NAME).map(s -> s.list(",")).orElse(List.of());
        Map<String, String> systemProperties = new LinkedHashMap<>();
        System.getProperties().stringPropertyNames().forEach(name -> systemProperties.put(name, System.getProperty(name)));
        try {
            return new SpringBootSettings(ApplicationFiles.onClassPath(paths.classLoader(), paths.projectDirectory()),
                    HistoryLocations.onClassPath(paths.classLoader(), paths.projectDirectory()), System.getenv(),
                    systemProperties).read(profiles);
        } catch (SpringSettingsException e) {
            throw new ExtensionConfigurationException(e.getMessage() + " (or set @MigrationTest(location) or "
                    + MigrationTest.LOCATION_PROPERTY_NAME + ")", e);
        }
    }

    /** Spring Boot's settings, with what the annotation or the keys set explicitly winning over them. */
    private SourceOptions withSpring(SourceOptions source, SpringMigrationSettings spring) {
        SourceOptions merged = spring.applyTo(source);
        Optional<Setting> type = setting("type", MigrationTest::type, MigrationTest.TYPE_PROPERTY_NAME);
        if (type.isPresent()) {
            merged = merged.withType(type.get().parse(ConfigReader::sourceType));
        }
        Optional<Setting> contexts = setting("liquibaseContexts", MigrationTest::liquibaseContexts,
                MigrationTest.LIQUIBASE_CONTEXTS_PROPERTY_NAME);
        if (contexts.isPresent()) {
            merged = merged.withLiquibaseContexts(contexts.get().value());
        }
        Optional<Setting> labels = setting("liquibaseLabels", MigrationTest::liquibaseLabels,
                MigrationTest.LIQUIBASE_LABELS_PROPERTY_NAME);
        return labels.isPresent() ? merged.withLiquibaseLabels(labels.get().value()) : merged;
    }

    /** The placeholders and changelog parameters set here, over those Spring Boot's settings gave. */
    private SourceOptions withNameValues(SourceOptions source) {
        Map<String, String> placeholders = nameValues("placeholders", MigrationTest::placeholders,
                MigrationTest.PLACEHOLDERS_PROPERTY_NAME);
        Map<String, String> parameters = nameValues("liquibaseParameters", MigrationTest::liquibaseParameters,
                MigrationTest.LIQUIBASE_PARAMETERS_PROPERTY_NAME);
        SourceOptions merged = source;
        if (!placeholders.isEmpty()) {
            merged = merged.withPlaceholders(over(merged.placeholders(), placeholders));
        }
        if (!parameters.isEmpty()) {
            merged = merged.withLiquibaseParameters(over(merged.liquibase().parameters(), parameters));
        }
        return merged;
    }

    private Map<String, String> nameValues(String attribute, Function<MigrationTest, Object> value, String key) {
        return setting(attribute, value, key)
                .map(s -> s.parse(text -> NameValues.parse(s.origin(), s.list(","))))
                .orElse(Map.of());
    }

    private static Map<String, String> over(Map<String, String> base, Map<String, String> winning) {
        Map<String, String> merged = new LinkedHashMap<>(base);
        merged.putAll(winning);
        return merged;
    }

    /** A regex, checked here so that a bad one is a configuration error naming the setting. */
    private static String regex(String value) {
        java.util.regex.Pattern.compile(value);
        return value;
    }

    /** {@code minimal} as it is; a file relative to the project directory. */
    private String alembicEnv(String value) {
        return value.isBlank() || value.strip().equals(SourceOptions.AlembicOptions.MINIMAL_ENV)
                ? value : paths.projectDirectory().resolve(value.strip()).normalize().toString();
    }

    private DiffOptions diff(List<String> schemas) {
        DiffOptions diff = DiffOptions.defaults().withSchemas(schemas.toArray(String[]::new))
                .withIgnored(list("ignore", MigrationTest::ignore, MigrationTest.IGNORE_PROPERTY_NAME, ",")
                        .toArray(String[]::new));
        Optional<Setting> order = setting("columnOrder", MigrationTest::columnOrder,
                MigrationTest.COLUMN_ORDER_PROPERTY_NAME);
        if (order.isPresent()) {
            diff = diff.withColumnOrder(order.get().parse(value -> oneOf(value, DiffOptions.ColumnOrder.values())));
        }
        Optional<Setting> names = setting("constraintNames", MigrationTest::constraintNames,
                MigrationTest.CONSTRAINT_NAMES_PROPERTY_NAME);
        if (names.isPresent()) {
            diff = diff.withConstraintNames(names.get().parse(value -> oneOf(value, DiffOptions.ConstraintNames.values())));
        }
        return diff;
    }

    /** One of the allowed constants by its name in any case, {@code -} for {@code _}; the error lists their names. */
    @SafeVarargs
    private static <E extends Enum<E>> E oneOf(String value, E... allowed) {
        String name = value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        return Arrays.stream(allowed).filter(constant -> constant.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(Arrays.stream(allowed)
                        .map(c -> c.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "))));
    }

    private Optional<Setting> setting(String attribute, Function<MigrationTest, Object> value, String key) {
        return lookup.find(attribute, annotation == null ? null : value.apply(annotation), key);
    }

    private List<String> list(String attribute, Function<MigrationTest, Object> value, String key, String separator) {
        return setting(attribute, value, key).map(s -> s.list(separator)).orElse(List.of());
    }

    /**
     * The keys, environment variables included, are {@link PostgresSettings}'s to read and check; the
     * annotation's {@code backend} and {@code postgres} attributes then win over them.
     */
    private PostgresSettings postgres() {
        try {
            PostgresSettings settings = PostgresSettings.from(lookup::configured);
            if (annotation == null) {
                return settings;
            }
            Optional<Setting> backend = SettingLookup.fromAnnotation("backend", annotation.backend());
            if (backend.isPresent()) {
                settings = settings.withBackend(Backend.parse(backend.get().origin(), backend.get().value()));
            }
            Optional<Setting> major = SettingLookup.fromAnnotation("postgres", annotation.postgres());
            if (major.isPresent()) {
                settings = settings.withMajorVersion(major.get().parse(ConfigReader::major));
            }
            return withMigrationLogin(settings);
        } catch (IllegalArgumentException e) { // the verifier's messages name the key or attribute, the value and what is allowed
            throw new ExtensionConfigurationException(e.getMessage(), e);
        }
    }

    /** The annotation's {@code migrationsAs} and {@code superuserMigrations} win over the keys. */
    private PostgresSettings withMigrationLogin(PostgresSettings settings) {
        Optional<Setting> role = SettingLookup.fromAnnotation("migrationsAs", annotation.migrationsAs());
        if (annotation.superuserMigrations() && role.isPresent()) {
            throw new IllegalArgumentException("@MigrationTest(superuserMigrations = true) and @MigrationTest(migrationsAs = \""
                    + role.get().value() + "\") are both set: the migrations run as one login. Remove one of them");
        }
        if (annotation.superuserMigrations()) {
            return settings.withMigrations(MigrationLogin.SERVER_USER);
        }
        return role.map(r -> settings.withMigrations(MigrationLogin.as(r.value(),
                lookup.configured(PostgresSettings.MIGRATIONS_PASSWORD).orElse(null)))).orElse(settings);
    }

    private List<Path> initScripts(Setting setting) {
        return setting.list(",").stream().map(entry -> paths.existingFile(entry).orElseThrow(() -> setting.invalid(
                "files that exist, as classpath: resources or paths relative to " + paths.projectDirectory()
                        + "; not found: " + entry))).toList();
    }

    /** Parsed now, so a bad spec fails the class; its file is read when the check runs, after update mode could write it. */
    private SchemaModel model(Setting setting, List<Path> initScripts, String location, SourceOptions.AlembicOptions alembic) {
        // The history's location and Python: --model alembic reads the target_metadata its env.py configures.
        ModelContext context = new ModelContext(paths::modelFile, paths.classLoader(), initScripts, ConfigReader::howToUpdate)
                .withHistory(location, alembic);
        try {
            return Models.parse(setting.value(), context);
        } catch (ModelSpecException e) {
            throw setting.invalid(Models.FORMS);
        } catch (ModelException e) {
            throw new ExtensionConfigurationException(setting.origin() + " '" + setting.value() + "': " + e.getMessage(), e);
        }
    }

    private static String howToUpdate(ModelFile file) {
        return "run the tests with -D" + MigrationTest.SNAPSHOT_UPDATE_PROPERTY_NAME + "=true"
                + (file.writesElsewhere() ? ", which writes " + file.writeTo() : "");
    }

    /** A key only: update mode is chosen for a run, not committed with the test. */
    private boolean snapshotUpdate() {
        return lookup.fromKey(MigrationTest.SNAPSHOT_UPDATE_PROPERTY_NAME)
                .map(s -> s.parse(ConfigReader::bool)).orElse(false);
    }

    /** Checked here, so that a bad glob is a configuration error naming the setting. */
    private List<String> protect() {
        Optional<Setting> setting = setting("protect", MigrationTest::protect, MigrationTest.PROTECT_PROPERTY_NAME);
        try {
            return setting.map(s -> s.list(",")).map(globs -> VerifierOptions.defaults().withProtect(globs).protect())
                    .orElse(List.of());
        } catch (IllegalArgumentException e) {
            throw setting.get().invalid("schema names or globs as Postgres stores them (legacy, billing_*), comma-separated");
        }
    }

    private Map<String, String> irreversible() {
        Optional<Setting> setting = setting("irreversible", MigrationTest::irreversible,
                MigrationTest.IRREVERSIBLE_PROPERTY_NAME);
        Map<String, String> reasons = new LinkedHashMap<>();
        for (String entry : setting.map(s -> s.list(";")).orElse(List.of())) {
            int equals = entry.indexOf('=');
            if (equals <= 0 || entry.substring(equals + 1).isBlank()) {
                throw setting.get().invalid("entries of the form id=reason, e.g. 3=drops the legacy orders table");
            }
            reasons.put(entry.substring(0, equals).trim(), entry.substring(equals + 1).trim());
        }
        return reasons;
    }

    private static Set<Check> checks(Setting setting) {
        Set<Check> checks = EnumSet.noneOf(Check.class);
        for (String name : setting.list(",")) {
            checks.add(Arrays.stream(Check.values()).filter(c -> c.name().equalsIgnoreCase(name)).findFirst()
                    .orElseThrow(() -> setting.invalid(Arrays.stream(Check.values()).map(Check::name)
                            .collect(Collectors.joining(", ")))));
        }
        return checks;
    }

    private static SourceType sourceType(String value) {
        if (value.equalsIgnoreCase("auto")) {
            return null;
        }
        return Arrays.stream(SourceType.values()).filter(t -> t.name().equalsIgnoreCase(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("auto, sql, flyway, liquibase"));
    }

    /** An attribute's major: an int, so only its range can be wrong. */
    private static int major(String value) {
        int major = Integer.parseInt(value);
        if (major < PostgresSettings.OLDEST_MAJOR) {
            throw new IllegalArgumentException("a Postgres major version, " + PostgresSettings.OLDEST_MAJOR + " or newer");
        }
        return major;
    }

    private static int jobs(String value) {
        try {
            int jobs = Integer.parseInt(value);
            if (jobs >= 1) {
                return jobs;
            }
        } catch (NumberFormatException e) {
            // the message below says what is allowed
        }
        throw new IllegalArgumentException("a whole number, 1 or more (leave it out to have one per processor)");
    }

    private static boolean bool(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("true, false");
        };
    }
}
