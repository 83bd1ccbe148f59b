package io.github.migrationtest.junit;

import io.github.migrationtest.verifier.postgres.PostgresSettings;
import io.github.migrationtest.verifier.report.Check;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Tests a migration history against a disposable Postgres: a fresh database per test method (or
 * class), parameters such as {@link MigrationRunner} and {@link javax.sql.DataSource}, and with
 * {@link MigrationChecks} a test per revision and check.
 *
 * <p>Every attribute left at its default is read from the JUnit configuration parameter named by
 * the matching {@code *_PROPERTY_NAME} constant ({@code junit-platform.properties}, overridden by a
 * system property of the same name), then from the environment variable of that name in upper case
 * ({@code MIGRATIONTEST_POSTGRES_VERSION}), then the documented default. An attribute set here
 * wins over all of them.
 *
 * <pre>{@code
 * @MigrationTest(location = "classpath:db/migration")
 * class OrderMigrationsTest implements MigrationChecks { }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith({MigrationTestExtension.class, KeepFailedDatabases.class})
public @interface MigrationTest {

    /**
     * Default for {@link #location()}: {@value}, else the history a Spring Boot application's
     * {@code spring.flyway.*} or {@code spring.liquibase.*} settings name (its {@code application.*} on the
     * test class path), else {@code classpath:db/migration}.
     */
    String LOCATION_PROPERTY_NAME = "migrationtest.location";
    /** Default for {@link #type()}: {@value} ({@code auto}, {@code sql}, {@code flyway}, {@code liquibase}). */
    String TYPE_PROPERTY_NAME = "migrationtest.type";
    /** Default for {@link #backend()}: {@value} ({@code auto}, {@code server}, {@code testcontainers}, {@code embedded}). */
    String BACKEND_PROPERTY_NAME = PostgresSettings.BACKEND;
    /** Default for {@link #postgres()}: {@value}, else 17. */
    String POSTGRES_VERSION_PROPERTY_NAME = PostgresSettings.VERSION;
    /** Default for {@link #initScripts()}: {@value}, comma-separated. */
    String INIT_SCRIPTS_PROPERTY_NAME = "migrationtest.initScripts";
    /** Default for {@link #schemas()}: {@value}, comma-separated. */
    String SCHEMAS_PROPERTY_NAME = "migrationtest.schemas";
    /** Default for {@link #floor()}: {@value}. */
    String FLOOR_PROPERTY_NAME = "migrationtest.floor";
    /** Default for {@link #irreversible()}: {@value}, entries {@code id=reason} separated by {@code ;}. */
    String IRREVERSIBLE_PROPERTY_NAME = "migrationtest.irreversible";
    /** Default for {@link #skip()}: {@value}, comma-separated revision ids. */
    String SKIP_PROPERTY_NAME = "migrationtest.skip";
    /** Default for {@link #checks()}: {@value}, comma-separated {@link Check} names. */
    String CHECKS_PROPERTY_NAME = "migrationtest.checks";
    /** Default for {@link #database()}: {@value} ({@code per_method} or {@code per_class}), else {@code per_method}. */
    String DATABASE_PROPERTY_NAME = "migrationtest.database";
    /** Default for {@link #startAt()}: {@value} ({@code base}, {@code head} or a revision id), else {@code base}. */
    String START_AT_PROPERTY_NAME = "migrationtest.startAt";
    /** Default for {@link #ignore()}: {@value}, comma-separated. */
    String IGNORE_PROPERTY_NAME = "migrationtest.ignore";
    /** Default for {@link #columnOrder()}: {@value} ({@code report}, {@code strict} or {@code ignore}). */
    String COLUMN_ORDER_PROPERTY_NAME = "migrationtest.columnOrder";
    /** Default for {@link #constraintNames()}: {@value} ({@code exact} or {@code by_definition}). */
    String CONSTRAINT_NAMES_PROPERTY_NAME = "migrationtest.constraintNames";
    /** {@value}: {@code false} makes every snapshot read the whole schema (see the README's "What it costs"). */
    String INCREMENTAL_SNAPSHOTS_PROPERTY_NAME = "migrationtest.snapshot.incremental";
    /**
     * {@value}: how many databases walk parts of the history at once in {@code verify()} (default: one
     * per processor, at most 4, and one per 20 revisions; {@code 1} walks it on one database).
     */
    String JOBS_PROPERTY_NAME = "migrationtest.jobs";
    /** Default for {@link #model()}: {@value}. */
    String MODEL_PROPERTY_NAME = "migrationtest.model";
    /**
     * {@value}: {@code true} turns on snapshot update mode: a {@code snapshot:} model file is written with
     * the head schema when it differs (or is missing) and the check passes, saying so in its name; default
     * {@code false}. Run once with {@code -Dmigrationtest.snapshot.update=true}, then review the file's diff.
     */
    String SNAPSHOT_UPDATE_PROPERTY_NAME = "migrationtest.snapshot.update";
    /** Default for {@link #lockTimeout()}: {@value}. */
    String LOCK_TIMEOUT_PROPERTY_NAME = "migrationtest.lockTimeout";
    /** Default for {@link #statementTimeout()}: {@value}. */
    String STATEMENT_TIMEOUT_PROPERTY_NAME = "migrationtest.statementTimeout";
    /** Default for {@link #liquibaseContexts()}: {@value}. */
    String LIQUIBASE_CONTEXTS_PROPERTY_NAME = "migrationtest.liquibase.contexts";
    /** Default for {@link #liquibaseLabels()}: {@value}. */
    String LIQUIBASE_LABELS_PROPERTY_NAME = "migrationtest.liquibase.labels";
    /** Default for {@link #liquibaseSearchPath()}: {@value}, comma-separated. */
    String LIQUIBASE_SEARCH_PATH_PROPERTY_NAME = "migrationtest.liquibase.searchPath";
    /** Default for {@link #placeholders()}: {@value} ({@code name=value} pairs, comma-separated). */
    String PLACEHOLDERS_PROPERTY_NAME = "migrationtest.placeholders";
    /** Default for {@link #liquibaseParameters()}: {@value} ({@code name=value} pairs, comma-separated). */
    String LIQUIBASE_PARAMETERS_PROPERTY_NAME = "migrationtest.liquibase.parameters";
    /** Default for {@link #fileNamePattern()}: {@value}. */
    String FILE_NAME_PATTERN_PROPERTY_NAME = "migrationtest.fileNamePattern";
    /** Default for {@link #protect()}: {@value}, comma-separated schema names or globs. */
    String PROTECT_PROPERTY_NAME = "migrationtest.protect";
    /** Default for {@link #alembicPython()}: {@value}. */
    String ALEMBIC_PYTHON_PROPERTY_NAME = "migrationtest.alembic.python";
    /** Default for {@link #alembicEnv()}: {@value}. */
    String ALEMBIC_ENV_PROPERTY_NAME = "migrationtest.alembic.env";
    /** Default for {@link #alembicName()}: {@value}. */
    String ALEMBIC_NAME_PROPERTY_NAME = "migrationtest.alembic.name";
    /** Default for {@link #alembicX()}: {@value} (comma-separated). */
    String ALEMBIC_X_PROPERTY_NAME = "migrationtest.alembic.x";
    /** Default for {@link #failOn()}: {@value}, comma-separated finding names or {@code all}. */
    String FAIL_ON_PROPERTY_NAME = "migrationtest.failOn";
    /**
     * The Spring Boot profiles whose {@code application-<profile>.*} are read too, comma-separated, when
     * no location is given: {@value} (default: {@code spring.profiles.active}, {@code SPRING_PROFILES_ACTIVE}).
     */
    String SPRING_PROFILES_PROPERTY_NAME = io.github.migrationtest.verifier.spring.SpringBootSettings.PROFILES_KEY;
    /**
     * {@value}: {@code true} keeps a failed test's database (and the server) for inspection and
     * reports how to connect to it; default {@code false}.
     */
    String KEEP_FAILED_PROPERTY_NAME = PostgresSettings.KEEP_FAILED;

    /**
     * Where the history is: {@code classpath:db/migration}, {@code filesystem:src/main/resources/db},
     * a plain path (absolute, or relative to the project directory) or a Liquibase changelog.
     */
    String location() default "";

    /** {@code sql}, {@code flyway} or {@code liquibase}; empty or {@code auto} detects it from the location. */
    String type() default "";

    /** Where Postgres comes from: {@code auto}, {@code server}, {@code testcontainers} or {@code embedded}. */
    String backend() default "";

    /** The Postgres major version, e.g. 16; 0 for the configured one (default 17). */
    int postgres() default 0;

    /**
     * SQL scripts run on every new database before revision 1, for what the environment provides
     * (extensions, roles): locations as for {@link #location()}. Roles are server-wide: create them
     * so that a second run does not fail ({@code DO $$ ... EXCEPTION WHEN duplicate_object ...}).
     */
    String[] initScripts() default {};

    /** The schemas to snapshot and compare; empty for every non-system schema. */
    String[] schemas() default {};

    /** The oldest revision whose downgrade is checked; older ones are only upgraded. */
    String floor() default "";

    /** Revisions without a downgrade, each {@code "id=reason"}: upgraded, not round-tripped. */
    String[] irreversible() default {};

    /** Revisions upgraded but not checked. */
    String[] skip() default {};

    /** The checks {@link MigrationChecks} runs; empty for all ({@link Check#HEAD_MATCHES_MODEL} when a {@link #model()} is given). */
    Check[] checks() default {};

    /**
     * The schema the head of the history must match, which turns on {@link Check#HEAD_MATCHES_MODEL}:
     * {@code snapshot:<file>} (a snapshot, as {@code migrationtest snapshot} writes it),
     * {@code sql:<file>} (a reference {@code schema.sql}, run after the init scripts in a scratch database) or
     * {@code jpa:<package-or-persistence-unit>} (JPA entities; needs Hibernate). Files as for
     * {@link #location()}; in update mode ({@link #SNAPSHOT_UPDATE_PROPERTY_NAME}) a {@code classpath:}
     * snapshot is written to its source, {@code src/test/resources/<path>}.
     */
    String model() default "";

    /**
     * Differences every comparison leaves out, as path globs: {@code public.audit_*} (objects),
     * {@code public.users.*#comment} (one property of them).
     */
    String[] ignore() default {};

    /** Whether a changed column order fails a comparison, is only reported (the default), or ignored. */
    ColumnOrder columnOrder() default ColumnOrder.DEFAULT;

    /**
     * Whether constraints and indexes are matched by name (the default) or, for names a tool made up
     * (Hibernate's {@code fk…}), by definition, a different name then being reported, not failed.
     */
    ConstraintNames constraintNames() default ConstraintNames.DEFAULT;

    /** Whether each test method gets a fresh database, or the whole class shares one. */
    Database database() default Database.DEFAULT;

    /**
     * Where the test's database stands when a test starts: {@code base} (before revision 1, after
     * the init scripts), {@code head}, or a revision id. {@link MigrationRunner} and a
     * {@link io.github.migrationtest.verifier.snapshot.SchemaSnapshot} parameter start there.
     */
    String startAt() default "";

    /**
     * Postgres {@code lock_timeout} while migrating, e.g. {@code 5s}, {@code 500ms}, {@code 2m} or
     * {@code PT5S}; empty for the server's. A migration waiting on a lock then fails instead of hanging.
     */
    String lockTimeout() default "";

    /** Postgres {@code statement_timeout} while migrating, written as {@link #lockTimeout()}; empty for the server's. */
    String statementTimeout() default "";

    /**
     * Liquibase: the contexts to run with, an expression as Liquibase's {@code --contexts} takes it
     * ({@code "test"}, {@code "!prod"}); empty runs every changeset. A changeset left out is not a revision.
     */
    String liquibaseContexts() default "";

    /**
     * Liquibase: the label expression to run with, as Liquibase's {@code --label-filter} takes it
     * ({@code "v2 and !slow"}); empty runs every changeset. A changeset left out is not a revision.
     */
    String liquibaseLabels() default "";

    /**
     * Liquibase: the folders {@code include}, {@code includeAll} and {@code loadData} paths are looked up in,
     * as Liquibase's {@code --search-path} (relative to the project directory); empty for the changelog's
     * folder, then the {@code src/<set>/resources} folder it is in, then the class path.
     */
    String[] liquibaseSearchPath() default {};

    /**
     * The team's convention for migration file names, a regex every revision's file name must match
     * whole ({@code "\\d{8}_\\d{6}_\\w+\\.py"}); a file that does not fails {@code HISTORY_IS_LINEAR},
     * naming it. Empty for none.
     */
    String fileNamePattern() default "";

    /**
     * Schemas the migrations must leave alone in both directions, by name or glob ({@code "legacy"},
     * {@code "billing_*"}): a revision whose upgrade or downgrade creates, alters or drops anything in
     * one, or writes rows to its tables, fails {@code PROTECTED_SCHEMAS_UNTOUCHED}, naming the statement.
     * Such a schema usually comes from elsewhere: create it in an {@link #initScripts()} script. Empty
     * for none (the check does not run).
     */
    String[] protect() default {};

    /**
     * Flyway: placeholder values, {@code name=value} each, for {@code ${name}} in the scripts ({@code U} scripts
     * too), as {@code flyway.placeholders.name} gives them; they win over Spring Boot's
     * {@code spring.flyway.placeholders.*} of the same name. Empty for none.
     */
    String[] placeholders() default {};

    /**
     * Liquibase: changelog parameters, {@code name=value} each, for {@code ${name}} in the changelog, as
     * {@code -Dname=value} gives them to Liquibase; they win over Spring Boot's {@code spring.liquibase.parameters.*}
     * of the same name. Empty for none.
     */
    String[] liquibaseParameters() default {};

    /**
     * Alembic: the Python interpreter that has the project's Alembic, SQLAlchemy and database driver
     * (a virtualenv's {@code .venv/bin/python}); empty for {@code python3} on the PATH.
     */
    String alembicPython() default "";

    /**
     * Alembic: {@code minimal} runs the verifier's own {@code env.py} (the default version table, no
     * model) instead of the project's, for an {@code env.py} that needs the whole application; or the
     * path of another {@code env.py} (relative to the project directory); empty for the project's.
     */
    String alembicEnv() default "";

    /** Alembic: the section of {@code alembic.ini} read, as {@code alembic --name}; empty for {@code [alembic]}. */
    String alembicName() default "";

    /**
     * Alembic: the values {@code env.py}'s {@code context.get_x_argument()} returns, as {@code alembic -x} gives them
     * ({@code "tenant=acme"}); empty for none.
     */
    String[] alembicX() default {};

    /**
     * Default for {@link #migrationsAs()}: {@value}; its password, when it needs one, under
     * {@code migrationtest.postgres.migrationsPassword}.
     */
    String MIGRATIONS_AS_PROPERTY_NAME = PostgresSettings.MIGRATIONS_AS;
    /** Default for {@link #superuserMigrations()}: {@value}. */
    String SUPERUSER_MIGRATIONS_PROPERTY_NAME = PostgresSettings.SUPERUSER_MIGRATIONS;

    /**
     * An existing role the migrations run as, for a history that needs its privileges; empty for a
     * role of the run's own, without superuser, owner of the test's databases.
     */
    String migrationsAs() default "";

    /**
     * {@code true} runs the migrations as the server's user (usually a superuser), for a history that
     * needs untrusted extensions, event triggers or roles; by default they run as a role without superuser.
     */
    boolean superuserMigrations() default false;

    /**
     * Safety findings that fail ({@code SAFETY_FINDINGS_ACCEPTED}), comma-separated, or {@code all}; empty
     * to report them only. A file's {@code -- migrationtest:allow <FINDING> <reason>} accepts one. See
     * docs/safety.md.
     */
    String failOn() default "";

    /** How column order counts; see {@link #columnOrder()}. */
    enum ColumnOrder {
        /** From {@link #COLUMN_ORDER_PROPERTY_NAME}, else {@link #REPORT}. */
        DEFAULT,
        /** Listed, not failed: Postgres cannot put a re-added column back in its place. */
        REPORT,
        /** A changed order fails. */
        STRICT,
        /** Not even listed. */
        IGNORE
    }

    /** How constraints and indexes are matched; see {@link #constraintNames()}. */
    enum ConstraintNames {
        /** From {@link #CONSTRAINT_NAMES_PROPERTY_NAME}, else {@link #EXACT}. */
        DEFAULT,
        /** By name: another name is a missing and an unexpected object. */
        EXACT,
        /** By definition on the same table; another name is reported, not failed. */
        BY_DEFINITION
    }

    /** How long a test's database lives. */
    enum Database {
        /** From {@link #DATABASE_PROPERTY_NAME}, else {@link #PER_METHOD}. */
        DEFAULT,
        /** A fresh database for each test method, dropped after it: tests cannot see each other. */
        PER_METHOD,
        /** One database for the class, dropped after its last test: tests see each other's changes. */
        PER_CLASS
    }
}
