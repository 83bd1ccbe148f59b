package io.github.migrationtest.verifier.source;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How to read and run a migration history. Every setting is optional; {@link #defaults()} detects
 * the type and runs without timeouts.
 *
 * @param type the source type, or {@code null} to detect it from the location
 * @param filePattern for SQL files in another naming scheme: a regex with the named groups
 *     {@code version}, {@code name} and {@code direction} ({@code up}/{@code down}), matched
 *     against each file's path relative to the location; {@code null} for the known conventions
 * @param lockTimeout Postgres {@code lock_timeout} while migrating, {@code null} for the server's
 * @param statementTimeout Postgres {@code statement_timeout} while migrating, {@code null} for the
 *     server's
 * @param placeholders Flyway placeholders (also replaced in {@code U} scripts)
 * @param liquibaseRevisions whether a Liquibase revision is one changeset or everything up to a tag
 * @param liquibase how Liquibase finds the changelog's files and which changesets it runs
 * @param alembic which Python runs Alembic, and which {@code env.py}
 * @param classLoader where {@code classpath:} locations and Java migrations are looked up
 * @param flyway Flyway's own settings beyond the location and placeholders (schemas, history table, file names)
 */
public record SourceOptions(
        SourceType type,
        Pattern filePattern,
        Duration lockTimeout,
        Duration statementTimeout,
        Map<String, String> placeholders,
        LiquibaseRevisions liquibaseRevisions,
        LiquibaseOptions liquibase,
        AlembicOptions alembic,
        ClassLoader classLoader,
        FlywayOptions flyway) {

    /** What one Liquibase revision is. */
    public enum LiquibaseRevisions { CHANGESET, TAG }

    /**
     * Liquibase's own settings of the same names.
     *
     * @param searchPath the roots Liquibase looks files up in (its {@code --search-path}); empty for the
     *     changelog's folder, the {@code src/<set>/resources} folder it is in, and the class path
     * @param contexts Liquibase's {@code --contexts} expression; {@code null} or blank runs every changeset
     * @param labels Liquibase's {@code --label-filter} expression; {@code null} or blank runs every changeset
     * @param parameters changelog parameters ({@code ${name}} in changesets), as Liquibase's {@code -D<name>=<value>}
     * @param defaultSchema Liquibase's {@code defaultSchemaName}: put first on the search path, so unqualified names
     *     in changesets mean it, and where its tables go unless {@code liquibaseSchema} says otherwise; {@code null}
     *     or blank for the connection's own
     * @param liquibaseSchema Liquibase's {@code liquibaseSchemaName}: where DATABASECHANGELOG and its lock table are;
     *     {@code null} or blank for the default schema
     */
    public record LiquibaseOptions(List<String> searchPath, String contexts, String labels, Map<String, String> parameters,
                                   String defaultSchema, String liquibaseSchema) {
        public LiquibaseOptions {
            searchPath = searchPath == null ? List.of() : List.copyOf(searchPath);
            contexts = contexts == null || contexts.isBlank() ? null : contexts.strip();
            labels = labels == null || labels.isBlank() ? null : labels.strip();
            parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
            defaultSchema = defaultSchema == null || defaultSchema.isBlank() ? null : defaultSchema.strip();
            liquibaseSchema = liquibaseSchema == null || liquibaseSchema.isBlank() ? null : liquibaseSchema.strip();
        }

        /** In the connection's own schema. */
        public LiquibaseOptions(List<String> searchPath, String contexts, String labels, Map<String, String> parameters) {
            this(searchPath, contexts, labels, parameters, null, null);
        }

        /** Without changelog parameters. */
        public LiquibaseOptions(List<String> searchPath, String contexts, String labels) {
            this(searchPath, contexts, labels, Map.of());
        }

        static LiquibaseOptions defaults() {
            return new LiquibaseOptions(List.of(), null, null);
        }
    }

    /**
     * Flyway's settings of the same names; each {@code null} (or empty) for Flyway's default.
     *
     * @param extraLocations locations Flyway reads besides the main one, which must not hold versioned
     *     migrations of their own (the verifier walks the main location's versions)
     * @param schemas the schemas Flyway manages (it creates them); the history table is in the first
     * @param defaultSchema the schema Flyway's connection uses and keeps its history table in
     * @param table the name of Flyway's history table
     * @param placeholderPrefix what starts a placeholder ({@code ${})
     * @param placeholderSuffix what ends a placeholder ({@code })
     * @param placeholderReplacement whether placeholders are replaced at all
     * @param names how migration files are named ({@code sqlMigrationPrefix}, ...), for Flyway and for the
     *     verifier's own reading of the location; {@code null} for Flyway's defaults
     */
    public record FlywayOptions(List<String> extraLocations, List<String> schemas, String defaultSchema, String table,
                                String placeholderPrefix, String placeholderSuffix, Boolean placeholderReplacement,
                                FlywayNames names, Boolean validateMigrationNaming) {
        public FlywayOptions {
            extraLocations = extraLocations == null ? List.of() : List.copyOf(extraLocations);
            schemas = schemas == null ? List.of() : List.copyOf(schemas);
            names = names == null ? FlywayNames.DEFAULT : names;
        }

        /** Flyway's own {@code validateMigrationNaming} (false: a file whose name it cannot read is skipped). */
        public FlywayOptions(List<String> extraLocations, List<String> schemas, String defaultSchema, String table,
                             String placeholderPrefix, String placeholderSuffix, Boolean placeholderReplacement,
                             FlywayNames names) {
            this(extraLocations, schemas, defaultSchema, table, placeholderPrefix, placeholderSuffix, placeholderReplacement,
                    names, null);
        }

        /** With Flyway's default file names. */
        public FlywayOptions(List<String> extraLocations, List<String> schemas, String defaultSchema, String table,
                             String placeholderPrefix, String placeholderSuffix, Boolean placeholderReplacement) {
            this(extraLocations, schemas, defaultSchema, table, placeholderPrefix, placeholderSuffix, placeholderReplacement, null);
        }

        static FlywayOptions defaults() {
            return new FlywayOptions(List.of(), List.of(), null, null, null, null, null);
        }
    }

    /**
     * How an Alembic history is run.
     *
     * @param python the interpreter that has the project's Alembic, SQLAlchemy and driver; {@code null}
     *     or blank for {@code python3} on the PATH
     * @param env {@code null} for the project's own {@code env.py}; {@code minimal} for the verifier's
     *     (the default version table, no model), when the project's needs the whole application; or the
     *     path of another {@code env.py}
     * @param name the section of {@code alembic.ini} read, as {@code alembic --name}; {@code null} or blank for
     *     {@code [alembic]}
     * @param x the values of Alembic's {@code -x} (what {@code context.get_x_argument()} returns in {@code env.py}),
     *     in order; empty for none
     */
    public record AlembicOptions(String python, String env, String name, List<String> x) {
        public static final String DEFAULT_PYTHON = "python3";
        public static final String MINIMAL_ENV = "minimal";
        public static final String DEFAULT_NAME = "alembic";

        public AlembicOptions {
            python = python == null || python.isBlank() ? DEFAULT_PYTHON : python.strip();
            env = env == null || env.isBlank() ? null : env.strip();
            name = name == null || name.isBlank() ? DEFAULT_NAME : name.strip();
            x = x == null ? List.of() : List.copyOf(x);
        }

        public AlembicOptions(String python, String env) {
            this(python, env, null, null);
        }

        static AlembicOptions defaults() {
            return new AlembicOptions(null, null);
        }
    }

    public SourceOptions {
        placeholders = placeholders == null ? Map.of() : Map.copyOf(placeholders);
        liquibaseRevisions = liquibaseRevisions == null ? LiquibaseRevisions.CHANGESET : liquibaseRevisions;
        liquibase = liquibase == null ? LiquibaseOptions.defaults() : liquibase;
        alembic = alembic == null ? AlembicOptions.defaults() : alembic;
        flyway = flyway == null ? FlywayOptions.defaults() : flyway;
        if (classLoader == null) {
            ClassLoader context = Thread.currentThread().getContextClassLoader();
            classLoader = context != null ? context : SourceOptions.class.getClassLoader();
        }
    }

    /** Detect the type, the known file conventions, no timeouts. */
    public static SourceOptions defaults() {
        return new SourceOptions(null, null, null, null, Map.of(), LiquibaseRevisions.CHANGESET, null, null, null, null);
    }

    public SourceOptions withType(SourceType value) {
        return new SourceOptions(value, filePattern, lockTimeout, statementTimeout, placeholders, liquibaseRevisions, liquibase, alembic, classLoader, flyway);
    }

    /** See {@link #filePattern()}; the groups are checked when the source is opened. */
    public SourceOptions withFilePattern(String regex) {
        Pattern pattern = regex == null ? null : Pattern.compile(regex);
        return new SourceOptions(type, pattern, lockTimeout, statementTimeout, placeholders, liquibaseRevisions, liquibase, alembic, classLoader, flyway);
    }

    public SourceOptions withLockTimeout(Duration value) {
        return new SourceOptions(type, filePattern, value, statementTimeout, placeholders, liquibaseRevisions, liquibase, alembic, classLoader, flyway);
    }

    public SourceOptions withStatementTimeout(Duration value) {
        return new SourceOptions(type, filePattern, lockTimeout, value, placeholders, liquibaseRevisions, liquibase, alembic, classLoader, flyway);
    }

    public SourceOptions withPlaceholders(Map<String, String> value) {
        return new SourceOptions(type, filePattern, lockTimeout, statementTimeout, value, liquibaseRevisions, liquibase, alembic, classLoader, flyway);
    }

    public SourceOptions withLiquibaseRevisions(LiquibaseRevisions value) {
        return new SourceOptions(type, filePattern, lockTimeout, statementTimeout, placeholders, value, liquibase, alembic, classLoader, flyway);
    }

    /** See {@link LiquibaseOptions#searchPath()}. */
    public SourceOptions withLiquibaseSearchPath(List<String> value) {
        return withLiquibase(new LiquibaseOptions(value, liquibase.contexts(), liquibase.labels(), liquibase.parameters(),
                liquibase.defaultSchema(), liquibase.liquibaseSchema()));
    }

    /** See {@link LiquibaseOptions#contexts()}. */
    public SourceOptions withLiquibaseContexts(String value) {
        return withLiquibase(new LiquibaseOptions(liquibase.searchPath(), value, liquibase.labels(), liquibase.parameters(),
                liquibase.defaultSchema(), liquibase.liquibaseSchema()));
    }

    /** See {@link LiquibaseOptions#labels()}. */
    public SourceOptions withLiquibaseLabels(String value) {
        return withLiquibase(new LiquibaseOptions(liquibase.searchPath(), liquibase.contexts(), value, liquibase.parameters(),
                liquibase.defaultSchema(), liquibase.liquibaseSchema()));
    }

    /** See {@link LiquibaseOptions#parameters()}. */
    public SourceOptions withLiquibaseParameters(Map<String, String> value) {
        return withLiquibase(new LiquibaseOptions(liquibase.searchPath(), liquibase.contexts(), liquibase.labels(), value,
                liquibase.defaultSchema(), liquibase.liquibaseSchema()));
    }

    /** See {@link LiquibaseOptions#defaultSchema()} and {@link LiquibaseOptions#liquibaseSchema()}. */
    public SourceOptions withLiquibaseSchemas(String defaultSchema, String liquibaseSchema) {
        return withLiquibase(new LiquibaseOptions(liquibase.searchPath(), liquibase.contexts(), liquibase.labels(),
                liquibase.parameters(), defaultSchema, liquibaseSchema));
    }

    private SourceOptions withLiquibase(LiquibaseOptions value) {
        return new SourceOptions(type, filePattern, lockTimeout, statementTimeout, placeholders, liquibaseRevisions, value, alembic, classLoader, flyway);
    }

    /** See {@link AlembicOptions#python()}. */
    public SourceOptions withAlembicPython(String value) {
        return withAlembic(new AlembicOptions(value, alembic.env(), alembic.name(), alembic.x()));
    }

    /** See {@link AlembicOptions#env()}. */
    public SourceOptions withAlembicEnv(String value) {
        return withAlembic(new AlembicOptions(alembic.python(), value, alembic.name(), alembic.x()));
    }

    /** See {@link AlembicOptions#name()}. */
    public SourceOptions withAlembicName(String value) {
        return withAlembic(new AlembicOptions(alembic.python(), alembic.env(), value, alembic.x()));
    }

    /** See {@link AlembicOptions#x()}. */
    public SourceOptions withAlembicX(List<String> values) {
        return withAlembic(new AlembicOptions(alembic.python(), alembic.env(), alembic.name(), values));
    }

    private SourceOptions withAlembic(AlembicOptions value) {
        return new SourceOptions(type, filePattern, lockTimeout, statementTimeout, placeholders, liquibaseRevisions, liquibase, value, classLoader, flyway);
    }

    public SourceOptions withClassLoader(ClassLoader value) {
        return new SourceOptions(type, filePattern, lockTimeout, statementTimeout, placeholders, liquibaseRevisions, liquibase, alembic, value, flyway);
    }

    /** See {@link FlywayOptions}. */
    public SourceOptions withFlyway(FlywayOptions value) {
        return new SourceOptions(type, filePattern, lockTimeout, statementTimeout, placeholders, liquibaseRevisions, liquibase, alembic, classLoader, value);
    }
}
