package io.github.migrationtest.verifier.source.alembic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import io.github.migrationtest.verifier.Verifier;
import io.github.migrationtest.verifier.VerifierOptions;
import io.github.migrationtest.verifier.postgres.PostgresServer;
import io.github.migrationtest.verifier.report.Check;
import io.github.migrationtest.verifier.report.CheckResult;
import io.github.migrationtest.verifier.report.Outcome;
import io.github.migrationtest.verifier.report.VerificationReport;
import io.github.migrationtest.verifier.source.FreshDatabase;
import io.github.migrationtest.verifier.source.HistoryFinding;
import io.github.migrationtest.verifier.source.HistoryFinding.Kind;
import io.github.migrationtest.verifier.source.MigrationFailedException;
import io.github.migrationtest.verifier.source.MigrationFailure;
import io.github.migrationtest.verifier.source.MigrationSource;
import io.github.migrationtest.verifier.source.MigrationSources;
import io.github.migrationtest.verifier.source.Revision;
import io.github.migrationtest.verifier.source.SourceOptions;
import io.github.migrationtest.verifier.source.SourceType;
import io.github.migrationtest.verifier.source.StepResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** One Alembic revision at a time on a real Postgres, through the project's own env.py, and what is said when it cannot run. */
class AlembicSourceTest {

    @TempDir
    Path dir;

    @RegisterExtension
    final FreshDatabase db = new FreshDatabase();

    private AlembicProjectDir project;

    @BeforeEach
    void project() {
        project = AlembicProjectDir.generic(dir);
    }

    private List<String> versions(String table) throws Exception {
        return db.probe().strings("select version_num from " + table + " order by 1");
    }

    @Test
    void a_folder_with_alembic_ini_is_an_alembic_history_in_the_order_of_its_revision_map() {
        project.users("zz");
        Path second = project.revision("aa", "'zz'", "add email\n\nA longer explanation.", """
                op.add_column("users", sa.Column("email", sa.Text))
                """, "op.drop_column(\"users\", \"email\")");
        project.revision("mm", "'aa'", "drop email", "op.drop_column(\"users\", \"email\")", """
                op.add_column("users", sa.Column("email", sa.Text))
                """);

        assertThat(MigrationSources.detect(dir.toString(), SourceOptions.defaults())).isEqualTo(SourceType.ALEMBIC);
        try (MigrationSource source = opened(project)) {
            assertThat(source.type()).isEqualTo(SourceType.ALEMBIC);
            assertThat(source.revisions()).extracting(Revision::id, Revision::description, Revision::hasDowngrade)
                    .containsExactly(tuple("zz", "create users", true), tuple("aa", "add email", true),
                            tuple("mm", "drop email", true));
            assertThat(source.revisions().get(1).files()).containsExactly(project.shown(second));
            assertThat(source.findings()).isEmpty();
            assertThat(source.bookkeepingTables()).containsExactly("alembic_version");
        }
    }

    @Test
    void steps_reach_the_given_database_whatever_url_env_py_computes_from_its_environment() throws Exception {
        project.env("""
                import os

                from alembic import context
                from sqlalchemy import create_engine, pool

                # As deployed: the URL comes from the environment, here a production host we must never reach.
                os.environ.setdefault("NOTES_DATABASE_URL", "postgresql://notes:secret@127.0.0.2:1/notes_production")
                url = os.environ["NOTES_DATABASE_URL"]

                if context.is_offline_mode():
                    context.configure(url=url, literal_binds=True)
                    with context.begin_transaction():
                        context.run_migrations()
                else:
                    engine = create_engine(url, poolclass=pool.NullPool)
                    with engine.connect() as connection:
                        context.configure(connection=connection)
                        with context.begin_transaction():
                            context.run_migrations()
                """);
        project.users("a1");
        project.revision("b2", "'a1'", "add email", "op.add_column(\"users\", sa.Column(\"email\", sa.Text))",
                "op.drop_column(\"users\", \"email\")");

        try (MigrationSource source = opened(project)) {
            Connection connection = db.connection();
            source.upgrade(source.revisions().get(0), connection);
            source.upgrade(source.revisions().get(1), connection);
            assertThat(db.probe().columns("users")).containsExactly("id", "name", "email");
            assertThat(versions("alembic_version")).containsExactly("b2");

            source.downgrade(source.revisions().get(1), connection);
            assertThat(db.probe().columns("users")).containsExactly("id", "name");
            assertThat(versions("alembic_version")).containsExactly("a1");
            assertThat(connection.getAutoCommit()).isTrue();
        }
    }

    @Test
    void an_ini_url_of_another_database_is_replaced_whole_since_the_migrations_run_on_postgres() throws Exception {
        // optuna's alembic.ini: a SQLite URL, "only for generating scripts"; its env.py reads it with engine_from_config.
        project.ini("sqlite:///alembic.db");
        project.users("a1");

        try (MigrationSource source = opened(project)) {
            source.upgrade(source.revisions().get(0), db.connection());

            assertThat(db.probe().columns("users")).containsExactly("id", "name");
            assertThat(dir.resolve("alembic.db")).as("no SQLite database made").doesNotExist();
        }
    }

    @Test
    void an_env_py_that_writes_its_offline_sql_to_a_project_file_leaves_it_as_it_was() throws Exception {
        // The verifier runs env.py offline to learn its version table; this one sends offline SQL to a committed file.
        Path committed = project.write("migrations/sql_versions/head.sql", "-- committed by the team\n");
        String env = AlembicProjectDir.GENERIC_ENV.replace("dialect_opts={\"paramstyle\": \"named\"})",
                "dialect_opts={\"paramstyle\": \"named\"}, output_buffer=open(\"migrations/sql_versions/head.sql\", \"w\"))");
        assertThat(env).contains("output_buffer=open(");
        project.env(env);
        project.users("a1");

        try (MigrationSource source = opened(project)) {
            source.upgrade(source.revisions().get(0), db.connection());
            source.downgrade(source.revisions().get(0), db.connection());
        }

        assertThat(committed).hasContent("-- committed by the team");
        assertThat(dir.resolve("migrations/__pycache__")).as("no bytecode written into the project").doesNotExist();
    }

    @Test
    void the_search_path_env_py_asks_for_in_connect_args_or_the_url_holds_for_the_migrations() throws Exception {
        try (var statement = db.connection().createStatement()) {
            statement.execute("CREATE SCHEMA app");
        }
        String env = AlembicProjectDir.GENERIC_ENV.replace("prefix=\"sqlalchemy.\", poolclass=pool.NullPool)",
                "prefix=\"sqlalchemy.\", poolclass=pool.NullPool, connect_args={\"options\": \"-csearch_path=app\"})");
        assertThat(env).contains("connect_args");
        project.env(env);
        project.revision("a1", "None", "items", "op.create_table(\"items\", sa.Column(\"id\", sa.Integer))",
                "op.drop_table(\"items\")");
        project.revision("b2", "'a1'", "note", "op.execute(\"ALTER TABLE app.items ADD COLUMN note text\")",
                "op.execute(\"ALTER TABLE app.items DROP COLUMN note\")");

        try (MigrationSource source = opened(project)) {
            source.upgrade(source.revisions().get(0), db.connection());
            source.upgrade(source.revisions().get(1), db.connection());
        }

        assertThat(db.probe().strings("select table_schema || '.' || table_name from information_schema.columns"
                + " where column_name = 'note'")).containsExactly("app.items");
    }

    @Test
    void the_ini_urls_search_path_holds_and_its_ssl_demand_is_not_made_of_the_verifiers_database() throws Exception {
        try (var statement = db.connection().createStatement()) {
            statement.execute("CREATE SCHEMA app");
        }
        project.ini("postgresql://deploy@db.example.com/prod?sslmode=require&options=-csearch_path%%3Dapp");
        project.revision("a1", "None", "items", "op.create_table(\"items\", sa.Column(\"id\", sa.Integer))",
                "op.drop_table(\"items\")");

        try (MigrationSource source = opened(project)) {
            source.upgrade(source.revisions().get(0), db.connection());
        }

        assertThat(db.probe().strings("select table_schema from information_schema.tables where table_name = 'items'"))
                .containsExactly("app");
    }

    @Test
    void an_ini_url_with_a_driver_this_python_lacks_does_not_stop_an_env_py_that_builds_its_own() throws Exception {
        // The ini's URL is a placeholder env.py never uses (lang-agent-docs-based: it reads DATABASE_URL).
        project.ini("postgresql+pg8000://placeholder/none");
        project.env("""
                from alembic import context
                from sqlalchemy import create_engine, pool

                if context.is_offline_mode():
                    context.configure(url="postgresql://app@127.0.0.2:1/app_production", literal_binds=True)
                    with context.begin_transaction():
                        context.run_migrations()
                else:
                    engine = create_engine("postgresql://app@127.0.0.2:1/app_production", poolclass=pool.NullPool)
                    with engine.connect() as connection:
                        context.configure(connection=connection)
                        with context.begin_transaction():
                            context.run_migrations()
                """);
        project.users("a1");

        try (MigrationSource source = opened(project)) {
            source.upgrade(source.revisions().get(0), db.connection());
        }

        assertThat(db.probe().columns("users")).containsExactly("id", "name");
    }

    @Test
    void a_revision_id_longer_than_the_version_table_holds_is_said_at_the_revision() throws Exception {
        project.users("a1");
        Path file = project.revision("002_create_language_profiles_table", "'a1'", "profiles",
                "op.add_column(\"users\", sa.Column(\"email\", sa.Text))", "op.drop_column(\"users\", \"email\")");

        try (MigrationSource source = opened(project)) {
            source.upgrade(source.revisions().get(0), db.connection());

            MigrationFailure failure = catchThrowableOfType(MigrationFailedException.class,
                    () -> source.upgrade(source.revisions().get(1), db.connection())).failure();

            assertThat(failure.file()).isEqualTo(project.shown(file));
            assertThat(failure.message()).isEqualTo("the revision id '002_create_language_profiles_table' is 34"
                    + " characters long, more than the version table's version_num column holds");
            assertThat(failure.hint()).startsWith("Alembic creates version_num as varchar(32)");
        }
    }

    @Test
    void an_env_py_that_catches_the_error_and_exits_is_reported_with_the_error_it_caught() throws Exception {
        // A pattern of real env.py files: log the exception and sys.exit(1), which alone says nothing of the failure.
        project.env(AlembicProjectDir.GENERIC_ENV.replace("""
                if context.is_offline_mode():
                    run_migrations_offline()
                else:
                    run_migrations_online()
                """, """
                import logging
                import sys

                try:
                    if context.is_offline_mode():
                        run_migrations_offline()
                    else:
                        run_migrations_online()
                except Exception:
                    logging.exception("Exception while running versions")
                    sys.exit(1)
                """));
        project.users("a1");
        Path file = project.revision("b2", "'a1'", "drop a column", "op.drop_column(\"users\", \"nope\")", "pass");

        try (MigrationSource source = opened(project)) {
            source.upgrade(source.revisions().get(0), db.connection());

            MigrationFailure failure = catchThrowableOfType(MigrationFailedException.class,
                    () -> source.upgrade(source.revisions().get(1), db.connection())).failure();

            assertThat(failure.message()).isEqualTo("column \"nope\" of relation \"users\" does not exist");
            assertThat(failure.location()).startsWith(project.shown(file) + ":");
        }
    }

    @Test
    void an_env_py_that_catches_the_error_and_goes_on_is_reported_with_the_error_it_caught() throws Exception {
        // A pattern of real env.py files (Madeeha-Anjum/multi-tenancy-system): log the exception and roll back, so
        // that `alembic upgrade` exits 0 with the version table still at the revision before.
        project.env(AlembicProjectDir.GENERIC_ENV.replace("""
                    with context.begin_transaction():
                        context.run_migrations()


            if context.is_offline_mode():
                """, """
                    with context.begin_transaction():
                        try:
                            context.run_migrations()
                        except Exception as e:
                            logging.error(f"Error running migrations: {e}")
                            context.get_context().connection.execute(text("ROLLBACK"))


            if context.is_offline_mode():
                """).replace("from alembic import context\n", """
                import logging

                from alembic import context
                from sqlalchemy import text
                """));
        project.users("a1");
        Path file = project.revision("b2", "'a1'", "drop a column", "op.drop_column(\"users\", \"nope\")", "pass");

        try (MigrationSource source = opened(project)) {
            source.upgrade(source.revisions().get(0), db.connection());

            MigrationFailure failure = catchThrowableOfType(MigrationFailedException.class,
                    () -> source.upgrade(source.revisions().get(1), db.connection())).failure();

            assertThat(failure.message()).isEqualTo("column \"nope\" of relation \"users\" does not exist");
            assertThat(failure.location()).startsWith(project.shown(file) + ":");
            assertThat(failure.hint()).isEqualTo("env.py caught this error (at migrations/env.py:"
                    + (AlembicProjectDir.lineOf(dir.resolve("migrations/env.py"), "try:") + 1)
                    + ") and went on: `alembic` exits 0 and logs it, and the version table keeps the revision before,"
                    + " so the step did not happen");
            assertThat(versions("alembic_version")).containsExactly("a1");
        }
    }

    @Test
    void an_env_py_stopping_before_it_connects_is_said_to_lack_its_environment_not_to_have_a_wrong_statement()
            throws Exception {
        // A pattern of real env.py files: the URL from a variable the run does not have, checked before connecting.
        String variable = "MIGRATIONTEST_UNSET_" + ProcessHandle.current().pid();
        project.env(AlembicProjectDir.GENERIC_ENV.replace("from alembic import context\n", """
                from alembic import context
                import os


                def _url():
                    url = os.environ.get("VARIABLE")
                    if not url:
                        raise RuntimeError("VARIABLE is not set")
                    return url
                """.replace("VARIABLE", variable)).replace("def run_migrations_online():\n",
                "def run_migrations_online():\n    config.set_main_option(\"sqlalchemy.url\", _url())\n"));
        project.users("a1");

        try (MigrationSource source = opened(project)) {
            MigrationFailure failure = catchThrowableOfType(MigrationFailedException.class,
                    () -> source.upgrade(source.revisions().get(0), db.connection())).failure();

            String where = "migrations/env.py:" + AlembicProjectDir.lineOf(dir.resolve("migrations/env.py"),
                    "raise RuntimeError");
            assertThat(failure.message()).isEqualTo("RuntimeError: " + variable + " is not set");
            assertThat(failure.location()).isEqualTo(where);
            assertThat(failure.fix()).isEqualTo("env.py stopped at " + where + " before it connected to a database: if"
                    + " it needs what the team's environment gives it (an environment variable, a settings or .env"
                    + " file, an `alembic -x` value: --alembic-x), give that to this run (any database URL will do: every connection goes to the verifier's"
                    + " database), or run with --alembic-env minimal (key migrationtest.alembic.env), migrationtest's"
                    + " own env.py; otherwise fix env.py there");
        }
    }

    @Test
    void a_flask_migrate_env_py_outside_the_application_context_is_told_to_use_the_minimal_env_py() throws Exception {
        // What Flask raises at Flask-Migrate's `current_app.extensions['migrate']` when plain Alembic runs env.py.
        project.env("raise RuntimeError(\"Working outside of application context.\")\n"
                + AlembicProjectDir.GENERIC_ENV);
        project.users("a1");

        try (MigrationSource source = opened(project)) {
            MigrationFailure failure = catchThrowableOfType(MigrationFailedException.class,
                    () -> source.upgrade(source.revisions().get(0), db.connection())).failure();

            assertThat(failure.location()).isEqualTo("migrations/env.py:1");
            assertThat(failure.fix()).isEqualTo("Run with --alembic-env minimal (key migrationtest.alembic.env),"
                    + " migrationtest's own env.py, instead of migrations/env.py, which reads Flask's current_app:"
                    + " Flask-Migrate runs it inside the application context that `flask db upgrade` sets up; or give"
                    + " --alembic-env an env.py of yours that creates the application and runs the migrations in its"
                    + " app_context()");
        }
    }

    @Test
    void the_downgrade_of_a_merge_goes_back_to_both_of_its_parents() throws Exception {
        project.users("a1");
        project.revision("b2", "'a1'", "orders", "op.create_table(\"orders\", sa.Column(\"id\", sa.Integer))",
                "op.drop_table(\"orders\")");
        project.revision("c3", "'a1'", "audit", "op.create_table(\"audit\", sa.Column(\"id\", sa.Integer))",
                "op.drop_table(\"audit\")");
        project.revision("d4", "('b2', 'c3')", "merge", "op.create_table(\"merged\", sa.Column(\"id\", sa.Integer))",
                "op.drop_table(\"merged\")");

        try (MigrationSource source = opened(project)) {
            List<String> order = source.revisions().stream().map(Revision::id).toList();
            assertThat(order).hasSize(4).startsWith("a1").endsWith("d4").containsExactlyInAnyOrder("a1", "b2", "c3", "d4");
            Connection connection = db.connection();
            source.revisions().forEach(r -> source.upgrade(r, connection));
            assertThat(versions("alembic_version")).containsExactly("d4");

            source.downgrade(source.revision("d4").orElseThrow(), connection);
            assertThat(versions("alembic_version")).containsExactly("b2", "c3");
            assertThat(db.probe().tables()).containsExactly("alembic_version", "audit", "orders", "users");

            source.downgrade(source.revision("c3").orElseThrow(), connection);
            assertThat(versions("alembic_version")).containsExactly("b2");
            source.upgrade(source.revision("c3").orElseThrow(), connection);
            source.upgrade(source.revision("d4").orElseThrow(), connection);
            assertThat(versions("alembic_version")).containsExactly("d4");
        }
    }

    @Test
    void a_custom_version_table_is_the_one_written_and_is_left_out_of_the_snapshots() throws Exception {
        project.env(AlembicProjectDir.GENERIC_ENV.replace("context.configure(", "context.configure(version_table=\"my_versions\", "));
        project.users("a1");
        project.revision("b2", "'a1'", "add email", "op.add_column(\"users\", sa.Column(\"email\", sa.Text))",
                "op.drop_column(\"users\", \"email\")");

        VerificationReport report;
        try (MigrationSource source = opened(project)) {
            assertThat(source.bookkeepingTables()).containsExactly("my_versions");
            source.upgrade(source.revisions().get(0), db.connection());
            assertThat(db.probe().tables()).containsExactly("my_versions", "users");
            assertThat(versions("my_versions")).containsExactly("a1");

            report = new Verifier(source, VerifierOptions.defaults()).verify(PostgresServer.shared());
        }

        // Alembic creates the version table with the first revision and never drops it: were it in the
        // snapshots, the first round trip would fail on it.
        assertThat(report.results()).extracting(CheckResult::check, CheckResult::outcome)
                .hasSize(8).allMatch(t -> t.toList().get(1) == Outcome.PASSED);
    }

    @Test
    void the_schema_env_py_makes_for_the_version_table_is_the_tool_s_and_no_downgrade_must_drop_it() throws Exception {
        // Alembic needs version_table_schema to exist: env.py makes it, and after downgrade base it stays with the table.
        project.env(AlembicProjectDir.GENERIC_ENV
                .replace("from sqlalchemy import engine_from_config, pool", "from sqlalchemy import engine_from_config, pool, text")
                .replace("context.configure(url=", "context.configure(version_table_schema=\"meta\", url=")
                .replace("    with connectable.connect() as connection:\n",
                        "    with connectable.connect() as connection:\n"
                                + "        connection.execute(text(\"CREATE SCHEMA IF NOT EXISTS meta\"))\n")
                .replace("context.configure(connection=connection,", "context.configure(version_table_schema=\"meta\","
                        + " connection=connection,"));
        project.users("a1");
        project.revision("b2", "'a1'", "add email", "op.add_column(\"users\", sa.Column(\"email\", sa.Text))",
                "op.drop_column(\"users\", \"email\")");

        VerificationReport report;
        try (MigrationSource source = opened(project)) {
            assertThat(source.bookkeepingTables()).containsExactly("meta.alembic_version");
            assertThat(source.toolSchemas()).containsExactly("meta");
            report = new Verifier(source, VerifierOptions.defaults()).verify(PostgresServer.shared());
        }

        assertThat(report.results()).extracting(CheckResult::check, CheckResult::outcome)
                .hasSize(8).allMatch(t -> t.toList().get(1) == Outcome.PASSED);
    }

    @Test
    void a_version_table_passed_only_online_is_found_in_env_py_s_text_and_left_out_too() throws Exception {
        project.env("VERSIONS = \"online_versions\"\n" + AlembicProjectDir.GENERIC_ENV.replace(
                "context.configure(connection=connection,", "context.configure(connection=connection, version_table=VERSIONS,"));
        project.users("a1");
        project.revision("b2", "'a1'", "add email", "op.add_column(\"users\", sa.Column(\"email\", sa.Text))",
                "op.drop_column(\"users\", \"email\")");

        VerificationReport report;
        try (MigrationSource source = opened(project)) {
            assertThat(source.bookkeepingTables()).containsExactly("alembic_version", "online_versions");
            report = new Verifier(source, VerifierOptions.defaults()).verify(PostgresServer.shared());
        }

        assertThat(report.results()).extracting(CheckResult::check, CheckResult::outcome)
                .hasSize(8).allMatch(t -> t.toList().get(1) == Outcome.PASSED);
    }

    @Test
    void a_failing_upgrade_names_the_revision_file_the_line_and_what_postgres_said() throws Exception {
        project.users("a1");
        Path file = project.revision("b2", "'a1'", "name check", """
                op.add_column("users", sa.Column("email", sa.Text))
                op.execute("alter table users add constraint users_name_set check (length(nam) > 0)")
                """, "op.drop_constraint(\"users_name_set\", \"users\")");

        try (MigrationSource source = opened(project)) {
            source.upgrade(source.revisions().get(0), db.connection());

            MigrationFailure failure = catchThrowableOfType(MigrationFailedException.class,
                    () -> source.upgrade(source.revisions().get(1), db.connection())).failure();

            assertThat(failure.location()).isEqualTo(project.shown(file) + ":" + AlembicProjectDir.lineOf(file, "op.execute"));
            assertThat(failure.message()).isEqualTo("column \"nam\" does not exist");
            assertThat(failure.sqlState()).isEqualTo("42703");
            assertThat(failure.statement()).isEqualTo("alter table users add constraint users_name_set check (length(nam) > 0)");
            assertThat(db.probe().columns("users")).as("the step was rolled back whole").containsExactly("id", "name");
            assertThat(versions("alembic_version")).containsExactly("a1");
        }
    }

    @Test
    void a_step_with_an_autocommit_block_is_not_transactional_and_its_failure_says_what_the_block_committed_stays()
            throws Exception {
        project.users("a1");
        project.revision("b2", "'a1'", "add a type outside the transaction", """
                with op.get_context().autocommit_block():
                    op.execute("create type mood as enum ('happy')")
                """, "op.execute(\"drop type mood\")");
        Path file = project.revision("c3", "'b2'", "add a label then fail", """
                with op.get_context().autocommit_block():
                    op.execute("alter type mood add value 'sad'")
                op.execute("alter table nosuch add column x int")
                """, "pass");

        try (MigrationSource source = opened(project)) {
            source.upgrade(source.revisions().get(0), db.connection());
            StepResult b2 = source.upgrade(source.revisions().get(1), db.connection());
            assertThat(b2.transactional()).isFalse();
            assertThat(b2.nonTransactionalReason()).contains("autocommit_block");

            MigrationFailure failure = catchThrowableOfType(MigrationFailedException.class,
                    () -> source.upgrade(source.revisions().get(2), db.connection())).failure();

            assertThat(failure.location()).isEqualTo(project.shown(file) + ":" + AlembicProjectDir.lineOf(file, "nosuch"));
            assertThat(failure.message()).isEqualTo("relation \"nosuch\" does not exist");
            assertThat(failure.hint()).isEqualTo("The upgrade is not transactional: the autocommit_block() at "
                    + project.shown(file) + ":" + AlembicProjectDir.lineOf(file, "autocommit_block")
                    + " committed what ran before it and each statement in it; that work was not rolled back and stays"
                    + " in the database.");
            assertThat(db.probe().strings("select enumlabel from pg_enum where enumtypid = 'mood'::regtype order by 1"))
                    .as("what the hint says: the label the block added stayed").containsExactly("happy", "sad");
        }
    }

    @Test
    void an_env_py_that_connects_even_offline_is_named_so_not_by_the_placeholder_url_it_reached() {
        project.env(AlembicProjectDir.GENERIC_ENV.replace("if context.is_offline_mode():\n    run_migrations_offline()\n"
                + "else:\n    run_migrations_online()\n", "run_migrations_online()\n"));
        project.users("a1");

        try (MigrationSource source = opened(project)) {
            assertThat(source.findings()).filteredOn(f -> f.kind() == Kind.UNSUPPORTED).singleElement()
                    .extracting(HistoryFinding::message).isEqualTo("env.py could not be run offline to learn its version"
                            + " table (it connects to a database even when Alembic runs it offline: no"
                            + " `if context.is_offline_mode():` branch runs the migrations without one); learnt from"
                            + " its online run on a scratch database before the first revision, else taken to be"
                            + " Alembic's default, alembic_version");
        }
    }

    @Test
    void the_version_table_of_an_env_py_that_refuses_offline_mode_is_learnt_online_and_left_out_of_snapshots() {
        // webartifex/urban-meal-delivery's env.py: offline mode raises, and the version table comes from settings
        // (alembic_version_<schema> when testing), which no text of env.py names.
        project.env(AlembicProjectDir.GENERIC_ENV.replace(
                "context.configure(connection=connection, target_metadata=target_metadata)",
                "context.configure(connection=connection, target_metadata=target_metadata,"
                        + " version_table=\"_\".join([\"alembic_version\", \"clean\"]))")
                .replace("if context.is_offline_mode():\n    run_migrations_offline()\n",
                        "if context.is_offline_mode():\n    raise NotImplementedError(\"The --sql option is not"
                                + " implemented\")\n"));
        project.users("a1");

        VerificationReport report;
        try (MigrationSource source = opened(project)) {
            report = new Verifier(source, VerifierOptions.defaults()).verify(PostgresServer.shared());
            assertThat(source.bookkeepingTables()).containsExactly("alembic_version", "alembic_version_clean");
        }

        assertThat(report.revision("a1").orElseThrow().result(Check.DOWNGRADE_RESTORES_SCHEMA).orElseThrow().outcome())
                .isEqualTo(Outcome.PASSED);
        assertThat(report.passed()).isTrue();
    }

    @Test
    void a_revision_importing_a_name_this_pythons_sqlalchemy_lacks_leaves_the_history_unread_with_the_fix_of_python()
            throws Exception {
        // A helper module of the project doing `from sqlalchemy import quoted_name`, a name SQLAlchemy 2.0 exports and
        // 1.4 does not: Alembic cannot load the revisions at all. Uuid7 is in no version.
        project.users("a1");
        Path file = project.revision("b2", "'a1'", "tokens", "pass", "pass");
        project.write(project.shown(file), "from sqlalchemy import Uuid7\n" + Files.readString(file));

        try (MigrationSource source = opened(project)) {
            String where = project.shown(file) + ":1";
            assertThat(source.findings()).filteredOn(f -> f.kind() == Kind.UNREADABLE).singleElement().satisfies(f -> {
                assertThat(f.file()).isEqualTo(where);
                assertThat(f.message()).startsWith("Alembic cannot read the history: ImportError: cannot import name"
                        + " 'Uuid7' from 'sqlalchemy'");
                assertThat(f.fix()).matches("run the revisions in the Python that has the project's SQLAlchemy:"
                        + " --python <the application's interpreter> \\(key migrationtest\\.alembic\\.python\\), as"
                        + " SQLAlchemy [0-9][0-9.a-z]* of /\\S+ has no sqlalchemy\\.Uuid7; or, if that name is a mistake,"
                        + " fix it at " + Pattern.quote(where));
            });
        }
    }

    @Test
    void a_revision_python_cannot_compile_is_placed_at_its_own_line_not_in_importlib() throws Exception {
        // halb7: a Python 2 era revision (`print "x"`) made the history unreadable at '<frozen importlib._bootstrap>:241'.
        project.users("a1");
        Path file = project.revision("b2", "'a1'", "tokens", "pass", "pass");
        String text = Files.readString(file);
        project.write(project.shown(file), text + "\n\ndef report():\n    print \"tokens\"\n");
        long line = (text + "\n\ndef report():\n").lines().count() + 1;

        try (MigrationSource source = opened(project)) {
            assertThat(source.findings()).filteredOn(f -> f.kind() == Kind.UNREADABLE).singleElement().satisfies(f -> {
                assertThat(f.file()).isEqualTo(project.shown(file) + ":" + line);
                assertThat(f.message()).startsWith("Alembic cannot read the history: SyntaxError: Missing parentheses");
            });
        }
    }

    @Test
    void a_revision_importing_a_module_this_python_lacks_names_the_python_the_run_used() throws Exception {
        // halb6: the step messages named the interpreter, the unread history did not.
        project.users("a1");
        Path file = project.revision("b2", "'a1'", "tokens", "pass", "pass");
        project.write(project.shown(file), "import application_models_nowhere\n" + Files.readString(file));

        try (MigrationSource source = opened(project)) {
            assertThat(source.findings()).filteredOn(f -> f.kind() == Kind.UNREADABLE).singleElement().satisfies(f -> {
                assertThat(f.message()).startsWith("Alembic cannot read the history: ModuleNotFoundError");
                assertThat(f.fix()).matches("fix the error; when a module is missing, run with the Python that has the"
                        + " project's packages \\(--python; this run's is /\\S+, 3\\.[0-9.]+\\) or put them on PYTHONPATH");
            });
        }
    }

    @Test
    void an_env_py_importing_a_name_this_pythons_sqlalchemy_lacks_is_not_told_the_module_is_missing() throws Exception {
        // 0ff1ane/fastapi-sqlalchemy2-alembic's env.py imports its models, written with SQLAlchemy 2.0's mapped_column:
        // under 1.4, `cannot import name 'mapped_column' from 'sqlalchemy.orm'`; sqlalchemy.orm itself is there.
        // Mapped_column7 is in no version.
        project.env("from sqlalchemy.orm import Mapped_column7\n" + AlembicProjectDir.GENERIC_ENV);
        project.users("a1");

        try (MigrationSource source = opened(project)) {
            MigrationFailure failure = catchThrowableOfType(MigrationFailedException.class,
                    () -> source.upgrade(source.revisions().get(0), db.connection())).failure();

            assertThat(failure.location()).isEqualTo("migrations/env.py:1");
            assertThat(failure.hint()).doesNotContain("has no module")
                    .matches("SQLAlchemy [0-9][0-9.a-z]* of the Python at /\\S+ has no sqlalchemy\\.orm\\.Mapped_column7:"
                            + " name the interpreter that has the project's SQLAlchemy with --python <path> \\(key"
                            + " migrationtest\\.alembic\\.python\\)");
        }
    }

    @Test
    void an_env_py_calling_a_method_this_pythons_sqlalchemy_lacks_is_told_the_python_not_to_fix_the_statement()
            throws Exception {
        // halb7: an env.py written for SQLAlchemy 2.0 (a payments service's: pg_advisory_lock, then connection.commit()),
        // run by Debian's 1.4, whose Connection has no commit(): 'Fix the statement at env.py' sent the user after a
        // line that is right. Commit7 is in no version.
        project.env(AlembicProjectDir.GENERIC_ENV.replace(
                "    with connectable.connect() as connection:\n",
                "    with connectable.connect() as connection:\n        connection.commit7()\n"));
        project.users("a1");

        try (MigrationSource source = opened(project)) {
            MigrationFailure failure = catchThrowableOfType(MigrationFailedException.class,
                    () -> source.upgrade(source.revisions().get(0), db.connection())).failure();

            assertThat(failure.location()).isEqualTo("migrations/env.py:19");
            assertThat(failure.fix()).matches("Run the revisions in the Python that has the project's SQLAlchemy:"
                    + " --python <the application's interpreter> \\(key migrationtest\\.alembic\\.python\\), as"
                    + " SQLAlchemy [0-9][0-9.a-z]* of /\\S+ has no sqlalchemy\\.engine\\.base\\.Connection\\.commit7;"
                    + " or, if that name is a mistake, fix it at migrations/env\\.py:19");
        }
    }

    @Test
    void a_revision_using_op_at_import_is_read_as_alembic_upgrade_reads_it_with_op_set_up() throws Exception {
        // chartpath/reyearn's first revision prints op.get_context() at import; others test the dialect at module level.
        // `alembic upgrade` imports the files while env.py runs, with op set up, and runs them; `alembic history` cannot.
        project.users("a1");
        Path file = project.revision("b2", "'a1'", "postgres only", """
                assert DIALECT == "postgresql", DIALECT
                op.add_column("users", sa.Column("tags", sa.ARRAY(sa.Text)))
                """, "op.drop_column(\"users\", \"tags\")");
        project.write(project.shown(file), Files.readString(file).replace("\nrevision = ",
                "\nprint(op.get_context())\nDIALECT = op.get_context().dialect.name\n\nrevision = "));

        VerificationReport report;
        try (MigrationSource source = opened(project)) {
            assertThat(source.findings()).isEmpty();
            assertThat(source.revisions()).extracting(Revision::id).containsExactly("a1", "b2");
            report = new Verifier(source, VerifierOptions.defaults()).verify(PostgresServer.shared());
        }

        assertThat(report.revision("b2").orElseThrow().result(Check.UPGRADES_APPLY).orElseThrow().outcome())
                .isEqualTo(Outcome.PASSED);
        assertThat(report.revision("b2").orElseThrow().result(Check.DOWNGRADE_RESTORES_SCHEMA).orElseThrow().outcome())
                .isEqualTo(Outcome.PASSED);
    }

    @Test
    void a_failing_upgrade_fails_upgrades_apply_at_that_line_and_the_rest_is_not_reached() {
        project.users("a1");
        Path file = project.revision("b2", "'a1'", "typo", "op.add_column(\"users\", sa.Column(\"age\", sa.Integer))\n"
                + "op.execute(\"create index users_age on users (agee)\")", "op.drop_column(\"users\", \"age\")");
        project.revision("c3", "'b2'", "later", "op.create_table(\"later\", sa.Column(\"id\", sa.Integer))",
                "op.drop_table(\"later\")");

        VerificationReport report;
        try (MigrationSource source = opened(project)) {
            report = new Verifier(source, VerifierOptions.defaults()).verify(PostgresServer.shared());
        }

        CheckResult upgrade = report.revision("b2").orElseThrow().result(Check.UPGRADES_APPLY).orElseThrow();
        assertThat(upgrade.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(upgrade.error().orElseThrow().location())
                .isEqualTo(project.shown(file) + ":" + AlembicProjectDir.lineOf(file, "create index users_age"));
        assertThat(upgrade.error().orElseThrow().message()).startsWith("column \"agee\" does not exist");
        assertThat(report.revision("c3").orElseThrow().result(Check.UPGRADES_APPLY).orElseThrow().outcome())
                .isEqualTo(Outcome.NOT_REACHED);
    }

    @Test
    void an_interpreter_that_does_not_exist_is_named_with_the_option_that_chooses_another() {
        project.users("a1");

        AlembicException error = catchThrowableOfType(AlembicException.class, () -> MigrationSources.open(dir,
                SourceOptions.defaults().withAlembicPython("/nonexistent/bin/python3")));

        assertThat(error.getMessage()).startsWith("Could not start the Python interpreter '/nonexistent/bin/python3' (")
                .endsWith("): install Python 3 with Alembic, or name the interpreter that has the project's Alembic with"
                        + " --python <path> (key migrationtest.alembic.python)");
    }

    @Test
    void an_interpreter_without_alembic_is_named_with_what_it_lacks_and_how_to_install_it() throws Exception {
        project.users("a1");
        String python = AlembicPython.bareVenv(dir.resolve("bare"));

        AlembicException error = catchThrowableOfType(AlembicException.class,
                () -> MigrationSources.open(dir, SourceOptions.defaults().withAlembicPython(python)));

        assertThat(error.getMessage()).startsWith("The Python at " + python + " (3.")
                .contains(", started as '" + python + "') has no modules 'sqlalchemy', 'alembic' (No module named 'sqlalchemy'):")
                .contains("install it into that interpreter (pip install alembic sqlalchemy psycopg2-binary;"
                        + " on Debian: apt install python3-alembic python3-psycopg2), or name the interpreter that has the"
                        + " project's packages with --python <path> (key migrationtest.alembic.python)");
    }

    @Test
    void an_interpreter_with_alembic_but_without_the_driver_is_refused_at_the_start_naming_the_driver() throws Exception {
        project.users("a1");
        try (AlembicPython.Venv venv = AlembicPython.without("psycopg2", dir.resolve("no-driver"))) {
            AlembicException error = catchThrowableOfType(AlembicException.class,
                    () -> MigrationSources.open(dir, SourceOptions.defaults().withAlembicPython(venv.python())));

            assertThat(error.getMessage()).matches("The Python at .*/no-driver/venv/bin/python3? \\(.*\\) has no module 'psycopg2'"
                    + " \\(No module named 'psycopg2' \\(the driver of postgresql://\\)\\): install it into that interpreter .*")
                    .endsWith("or name the interpreter that has the project's packages with --python <path>"
                            + " (key migrationtest.alembic.python)");
        }
        assertThat(db.probe().tables()).isEmpty();
    }

    @Test
    void a_project_without_alembic_ini_is_not_taken_for_alembic_and_naming_the_type_says_what_is_missing() throws Exception {
        project.users("a1");
        Files.delete(dir.resolve("alembic.ini"));

        assertThat(MigrationSources.detect(dir.toString(), SourceOptions.defaults())).isNotEqualTo(SourceType.ALEMBIC);
        IllegalArgumentException error = catchThrowableOfType(IllegalArgumentException.class,
                () -> MigrationSources.open(dir, SourceOptions.defaults().withType(SourceType.ALEMBIC)));

        assertThat(error.getMessage()).isEqualTo(dir + ": no alembic.ini here or in the folders below (up to 4 levels):"
                + " name the Alembic project's folder or its .ini file");
    }

    /**
     * The project's source, logging in as {@link #db}'s connection does: the embedded server asks for a
     * password, and a JDBC connection does not reveal its own (the verifier passes it the same way).
     */
    /**
     * A project whose MetaData has a naming_convention, run with --alembic-env minimal (env.py needs the application):
     * a foreign key made unnamed got Postgres's name, and the revision dropping it by the convention's name fails.
     * The failure says the minimal env.py is why, not "fix the statement" (halb7, UDV-Team-Map).
     */
    @Test
    void a_name_a_naming_convention_gave_is_missing_under_the_minimal_env_py_and_the_fix_says_why() throws Exception {
        project.users("a1");
        project.revision("b2", "'a1'", "notes", """
                op.create_table("notes", sa.Column("id", sa.Integer, primary_key=True),
                                sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id")))
                """, "op.drop_table(\"notes\")");
        project.revision("c3", "'b2'", "notes without users", """
                op.drop_constraint("fk_notes_user_id_users", "notes", type_="foreignkey")
                """, "op.create_foreign_key(\"fk_notes_user_id_users\", \"notes\", \"users\", [\"user_id\"], [\"id\"])");

        MigrationSource source = MigrationSources.open(dir, AlembicProjectDir.options().withAlembicEnv("minimal"));
        source.usePassword(db.password());
        try (source) {
            Connection connection = db.connection();
            source.upgrade(source.revisions().get(0), connection);
            source.upgrade(source.revisions().get(1), connection);
            MigrationFailure failure = catchThrowableOfType(MigrationFailedException.class,
                    () -> source.upgrade(source.revisions().get(2), connection)).failure();

            assertThat(failure.message()).startsWith("constraint \"fk_notes_user_id_users\" of relation \"notes\" does"
                    + " not exist");
            assertThat(failure.hint()).contains("passes no target_metadata, so the naming_convention");
            assertThat(failure.fix()).startsWith("Run the revisions through an env.py that passes the application's"
                    + " target_metadata").endsWith("fix the statement at " + failure.location());
        }
    }

    private MigrationSource opened(AlembicProjectDir project) {
        MigrationSource source = project.open();
        source.usePassword(db.password());
        return source;
    }
}
