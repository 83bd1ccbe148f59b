package io.github.migrationtest.verifier.source.alembic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.github.migrationtest.verifier.Verifier;
import io.github.migrationtest.verifier.VerifierOptions;
import io.github.migrationtest.verifier.postgres.PostgresServer;
import io.github.migrationtest.verifier.report.Check;
import io.github.migrationtest.verifier.report.CheckResult;
import io.github.migrationtest.verifier.report.Outcome;
import io.github.migrationtest.verifier.report.ReportedDifference;
import io.github.migrationtest.verifier.report.RevisionReport;
import io.github.migrationtest.verifier.report.StatementError;
import io.github.migrationtest.verifier.report.VerificationReport;
import io.github.migrationtest.verifier.source.HistoryFinding;
import io.github.migrationtest.verifier.source.HistoryFinding.Kind;
import io.github.migrationtest.verifier.source.MigrationSource;
import io.github.migrationtest.verifier.source.MigrationSources;
import io.github.migrationtest.verifier.source.Revision;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole Alembic histories verified on a real Postgres: what passes, and each kind of broken downgrade, named. */
class AlembicVerificationTest {

    @TempDir
    Path dir;

    private AlembicProjectDir project;

    @BeforeEach
    void project() {
        project = AlembicProjectDir.generic(dir);
    }

    private VerificationReport verify() {
        try (MigrationSource source = project.open()) {
            return new Verifier(source, VerifierOptions.defaults()).verify(PostgresServer.shared());
        }
    }

    private static CheckResult result(VerificationReport report, String revision, Check check) {
        return report.revision(revision).orElseThrow().result(check).orElseThrow();
    }

    private static CheckResult history(VerificationReport report, Check check) {
        return report.historyCheck(check).orElseThrow();
    }

    /** Every check of every revision, as {@code revision CHECK OUTCOME}. */
    private static List<String> outcomes(VerificationReport report) {
        return report.revisions().stream()
                .flatMap(r -> r.checks().values().stream().map(c -> r.id() + " " + c.check() + " " + c.outcome()))
                .toList();
    }

    private static List<String> paths(CheckResult result) {
        return result.differences().stream().map(ReportedDifference::path).toList();
    }

    @Test
    void a_linear_history_of_tables_columns_indexes_enums_and_data_passes_every_check() {
        project.users("c3");
        project.revision("a1", "'c3'", "add email", """
                op.add_column("users", sa.Column("email", sa.String(200)))
                op.create_index("users_email", "users", ["email"], unique=True)
                """, """
                op.drop_index("users_email", table_name="users")
                op.drop_column("users", "email")
                """);
        project.revision("b2", "'a1'", "mood", """
                mood = sa.Enum("happy", "sad", name="mood")
                mood.create(op.get_bind())
                op.add_column("users", sa.Column("mood", mood, server_default="happy"))
                """, """
                op.drop_column("users", "mood")
                sa.Enum(name="mood").drop(op.get_bind())
                """);
        project.revision("d4", "'b2'", "seed", """
                op.execute("insert into users (name) values ('ada')")
                """, """
                op.execute("delete from users where name = 'ada'")
                """);

        VerificationReport report = verify();

        assertThat(report.revisions()).extracting(RevisionReport::id).containsExactly("c3", "a1", "b2", "d4");
        assertThat(outcomes(report)).hasSize(12).allMatch(line -> line.endsWith(" PASSED"));
        assertThat(report.historyChecks()).extracting(CheckResult::check, CheckResult::outcome).containsExactly(
                tuple(Check.HISTORY_IS_LINEAR, Outcome.PASSED),
                tuple(Check.FULL_DOWNGRADE_TO_BASE, Outcome.PASSED));
        assertThat(report.passed()).isTrue();
    }

    @Test
    void branches_and_their_merge_run_in_topological_order_and_every_round_trip_passes() {
        project.users("a1");
        project.revision("b2", "'a1'", "orders branch", """
                op.create_table("orders", sa.Column("id", sa.Integer, primary_key=True),
                                sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id")))
                """, "op.drop_table(\"orders\")");
        project.revision("c3", "'a1'", "audit branch", """
                op.create_table("audit", sa.Column("id", sa.BigInteger, primary_key=True))
                """, "op.drop_table(\"audit\")");
        project.revision("c4", "'c3'", "audit index", """
                op.create_index("audit_id_desc", "audit", [sa.text("id desc")])
                """, "op.drop_index(\"audit_id_desc\", table_name=\"audit\")");
        project.revision("d5", "('b2', 'c4')", "merge orders and audit", """
                op.add_column("orders", sa.Column("audit_id", sa.BigInteger, sa.ForeignKey("audit.id")))
                """, "op.drop_column(\"orders\", \"audit_id\")");
        project.revision("e6", "'d5'", "after the merge", """
                op.add_column("users", sa.Column("email", sa.Text))
                """, "op.drop_column(\"users\", \"email\")");

        VerificationReport report = verify();

        List<String> order = report.revisions().stream().map(RevisionReport::id).toList();
        assertThat(order).hasSize(6).startsWith("a1").endsWith("d5", "e6");
        assertThat(order.indexOf("c3")).isLessThan(order.indexOf("c4"));
        assertThat(outcomes(report)).hasSize(18).allMatch(line -> line.endsWith(" PASSED"));
        assertThat(result(report, "d5", Check.DOWNGRADE_RESTORES_SCHEMA).outcome()).isEqualTo(Outcome.PASSED);
        assertThat(history(report, Check.HISTORY_IS_LINEAR).outcome()).isEqualTo(Outcome.PASSED);
        assertThat(history(report, Check.FULL_DOWNGRADE_TO_BASE).outcome()).isEqualTo(Outcome.PASSED);
        assertThat(history(report, Check.FULL_DOWNGRADE_TO_BASE).reason()).as("it went all the way down").isEmpty();
    }

    @Test
    void a_downgrade_that_leaves_the_enum_type_fails_the_round_trip_naming_the_type() {
        project.users("a1");
        Path file = project.revision("b2", "'a1'", "feelings", """
                op.create_table("feelings", sa.Column("id", sa.Integer, primary_key=True),
                                sa.Column("mood", sa.Enum("happy", "sad", name="mood")))
                """, "op.drop_table(\"feelings\")");

        VerificationReport report = verify();

        CheckResult down = result(report, "b2", Check.DOWNGRADE_RESTORES_SCHEMA);
        assertThat(down.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(down.differences()).extracting(ReportedDifference::path, ReportedDifference::kind)
                .containsExactly(tuple("type public.mood", "unexpected"));
        assertThat(down.fix()).isEqualTo("Make the downgrade of revision b2 in " + project.shown(file)
                + " undo every change of the upgrade (it lacks: DROP TYPE public.mood;), or declare revision b2 irreversible");
        CheckResult reup = result(report, "b2", Check.REUPGRADE_REPRODUCES_SCHEMA);
        assertThat(reup.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(reup.error().orElseThrow()).extracting(StatementError::file, StatementError::line, StatementError::message)
                .containsExactly(project.shown(file), AlembicProjectDir.lineOf(file, "op.create_table"),
                        "type \"mood\" already exists SQL: CREATE TYPE mood AS ENUM ('happy', 'sad')");
        assertThat(result(report, "a1", Check.DOWNGRADE_RESTORES_SCHEMA).outcome()).isEqualTo(Outcome.PASSED);
        assertThat(report.passed()).isFalse();
    }

    /**
     * A later revision's table uses the enum an earlier one made: SQLAlchemy makes the type again, Alembic's own
     * upgrade fails as here, and the fix names the column's type, not the CREATE TYPE the revision never wrote.
     */
    @Test
    void a_table_using_an_enum_an_earlier_revision_made_fails_its_upgrade_with_the_sqlalchemy_fix() {
        project.users("a1");
        project.revision("b2", "'a1'", "feelings", """
                op.create_table("feelings", sa.Column("id", sa.Integer, primary_key=True),
                                sa.Column("mood", sa.Enum("happy", "sad", name="mood")))
                """, "op.drop_table(\"feelings\")\nop.execute(\"DROP TYPE mood\")");
        Path later = project.revision("c3", "'b2'", "moods", """
                op.create_table("moods", sa.Column("id", sa.Integer, primary_key=True),
                                sa.Column("mood", sa.Enum("happy", "sad", name="mood")))
                """, "op.drop_table(\"moods\")");

        CheckResult upgrade = result(verify(), "c3", Check.UPGRADES_APPLY);

        assertThat(upgrade.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(upgrade.error().orElseThrow().message()).startsWith("type \"mood\" already exists");
        assertThat(upgrade.fix()).isEqualTo("The enum type mood exists already (an earlier revision made it, or this one's"
                + " downgrade was never run): SQLAlchemy's Enum creates its type with every table that uses it. Where the"
                + " type exists, give the column at " + project.shown(later) + ":" + AlembicProjectDir.lineOf(later,
                "op.create_table") + " sqlalchemy.dialects.postgresql.ENUM(..., name='mood', create_type=False)"
                + " (sqlalchemy.Enum ignores create_type before SQLAlchemy 2.1)");
    }

    @Test
    void an_env_py_that_cannot_import_the_application_fails_with_the_fix_of_the_minimal_env_or_another_python() {
        // A Flask-Migrate env.py: it needs the running application, which the history's Python lacks.
        Path env = project.env("from notes_app_not_installed import current_app\n" + AlembicProjectDir.GENERIC_ENV);
        project.users("a1");

        VerificationReport report = verify();

        CheckResult upgrade = result(report, "a1", Check.UPGRADES_APPLY);
        assertThat(upgrade.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(upgrade.error().orElseThrow().location()).isEqualTo(project.shown(env) + ":1");
        assertThat(upgrade.error().orElseThrow().message())
                .startsWith("ModuleNotFoundError: No module named 'notes_app_not_installed'");
        assertThat(upgrade.fix()).isEqualTo("Run with --alembic-env minimal (key migrationtest.alembic.env), migrationtest's"
                + " own env.py, which needs no application, instead of migrations/env.py; or give the history's Python the"
                + " application's dependencies: --python <the application's interpreter> (key migrationtest.alembic.python),"
                + " or PYTHONPATH");
    }

    @Test
    void a_revision_that_cannot_import_the_application_keeps_the_fix_of_its_statement() {
        project.users("a1");
        Path file = project.revision("b2", "'a1'", "uses the app", "from notes_app_not_installed import settings",
                "pass");

        VerificationReport report = verify();

        CheckResult upgrade = result(report, "b2", Check.UPGRADES_APPLY);
        assertThat(upgrade.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(upgrade.fix()).isEqualTo("Fix the statement at " + project.shown(file) + ":"
                + AlembicProjectDir.lineOf(file, "notes_app_not_installed"));
        assertThat(upgrade.error().orElseThrow().message()).contains("No module named 'notes_app_not_installed'")
                .contains("name it with --python");
    }

    @Test
    void a_revision_using_a_name_this_pythons_sqlalchemy_lacks_is_fixed_by_the_projects_python_not_its_statement() {
        // sa.UUID() of a revision autogenerated under SQLAlchemy 2.0, run by a Python with 1.4: the statement is right
        // for the project. Uuid7 is in no version, so the Python of whoever runs this test lacks it too.
        project.users("a1");
        Path file = project.revision("b2", "'a1'", "tokens", """
                op.create_table("tokens", sa.Column("id", sa.Uuid7(), primary_key=True))
                """, "op.drop_table(\"tokens\")");

        VerificationReport report = verify();

        CheckResult upgrade = result(report, "b2", Check.UPGRADES_APPLY);
        assertThat(upgrade.outcome()).isEqualTo(Outcome.FAILED);
        String location = project.shown(file) + ":" + AlembicProjectDir.lineOf(file, "sa.Uuid7()");
        assertThat(upgrade.error().orElseThrow().location()).isEqualTo(location);
        assertThat(upgrade.error().orElseThrow().message())
                .isEqualTo("AttributeError: module 'sqlalchemy' has no attribute 'Uuid7'");
        assertThat(upgrade.fix()).matches("Run the revisions in the Python that has the project's SQLAlchemy: --python"
                + " <the application's interpreter> \\(key migrationtest\\.alembic\\.python\\), as SQLAlchemy"
                + " [0-9][0-9.a-z]* of /\\S+ has no sqlalchemy\\.Uuid7; or, if that name is a mistake, fix it at "
                + Pattern.quote(location));
    }

    @Test
    void an_env_py_that_migrates_two_databases_at_once_fails_at_its_second_connection_with_the_fix() {
        // Alembic's own multidb template (alembic init --template multidb): a connection and a transaction per
        // database, all open while each database is migrated, committed at the end. Sent to the one database the
        // verifier checks, the second CREATE TABLE alembic_version waited for ever for the first's uncommitted one.
        project.write("alembic.ini", """
                [alembic]
                script_location = %(here)s/migrations
                databases = engine1, engine2

                [engine1]
                sqlalchemy.url = postgresql://app@127.0.0.2:1/accounts

                [engine2]
                sqlalchemy.url = postgresql://app@127.0.0.2:1/audit
                """);
        Path env = project.env("""
                import re
                from alembic import context
                from sqlalchemy import engine_from_config, pool

                config = context.config
                names = re.split(r",\\s*", config.get_main_option("databases"))


                def run_migrations_offline():
                    for name in names:
                        context.configure(url=config.get_section_option(name, "sqlalchemy.url"), literal_binds=True)
                        with context.begin_transaction():
                            context.run_migrations(engine_name=name)


                def run_migrations_online():
                    engines = {}
                    for name in names:
                        engine = engine_from_config(config.get_section(name), prefix="sqlalchemy.", poolclass=pool.NullPool)
                        connection = engine.connect()
                        engines[name] = (connection, connection.begin())
                    try:
                        for name, (connection, _) in engines.items():
                            context.configure(connection=connection, upgrade_token="%s_upgrades" % name,
                                              downgrade_token="%s_downgrades" % name)
                            context.run_migrations(engine_name=name)
                        for _, transaction in engines.values():
                            transaction.commit()
                    finally:
                        for connection, _ in engines.values():
                            connection.close()


                if context.is_offline_mode():
                    run_migrations_offline()
                else:
                    run_migrations_online()
                """);
        project.write("migrations/versions/a1_two_tables.py", """
                from alembic import op
                import sqlalchemy as sa

                revision = 'a1'
                down_revision = None
                branch_labels = None
                depends_on = None


                def upgrade(engine_name):
                    globals()["upgrade_%s" % engine_name]()


                def downgrade(engine_name):
                    globals()["downgrade_%s" % engine_name]()


                def upgrade_engine1():
                    op.create_table("account", sa.Column("id", sa.Integer, primary_key=True))


                def downgrade_engine1():
                    op.drop_table("account")


                def upgrade_engine2():
                    op.create_table("audit", sa.Column("id", sa.Integer, primary_key=True))


                def downgrade_engine2():
                    op.drop_table("audit")
                """);

        VerificationReport report;
        // Without the check, the second connection's wait ends at this lock timeout instead of never.
        try (MigrationSource source = MigrationSources.open(dir, AlembicProjectDir.options()
                .withLockTimeout(Duration.ofSeconds(5)))) {
            report = new Verifier(source, VerifierOptions.defaults()).verify(PostgresServer.shared());
        }

        CheckResult upgrade = result(report, "a1", Check.UPGRADES_APPLY);
        assertThat(upgrade.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(upgrade.error().orElseThrow().location())
                .isEqualTo(project.shown(env) + ":" + AlembicProjectDir.lineOf(env, "connection = engine.connect()"));
        assertThat(upgrade.error().orElseThrow().message()).isEqualTo("TwoDatabasesAtOnce: env.py migrates two databases"
                + " at once ('accounts' on 127.0.0.2:1, then 'audit' on 127.0.0.2:1, with a connection to the first still"
                + " open): migrationtest verifies one database, and sent to one, the second connection would wait for"
                + " ever for the first's uncommitted version table");
        assertThat(upgrade.fix()).isEqualTo("Verify one database at a time: give --alembic-env (key"
                + " migrationtest.alembic.env) an env.py that migrates only that one (in Alembic's multidb layout,"
                + " context.run_migrations(engine_name=\"<its name>\") on a single connection)");
    }

    @Test
    void an_engine_that_env_py_imports_from_the_application_and_keeps_across_steps_reaches_each_database_anew()
            throws IOException {
        // env.py uses the application's module-level engine (a pool that outlives every step): the helper must
        // leave it no connection, or the next step gets a closed one and a clone finds the database in use.
        project.write("app/__init__.py", "");
        project.write("app/db.py", "import sqlalchemy as sa\nengine = sa.create_engine(\"postgresql://app@127.0.0.2:1/app\")\n");
        String env = AlembicProjectDir.GENERIC_ENV.replaceFirst(
                "connectable = engine_from_config\\([^)]*\\),\\s*prefix=\"sqlalchemy.\", poolclass=pool.NullPool\\)",
                "from app.db import engine as connectable");
        assertThat(env).contains("from app.db import engine as connectable").doesNotContain("engine_from_config(");
        project.env(env);
        project.users("a1");
        project.revision("b2", "'a1'", "feelings", """
                op.create_table("feelings", sa.Column("id", sa.Integer, primary_key=True),
                                sa.Column("mood", sa.Enum("happy", "sad", name="mood")))
                """, "op.drop_table(\"feelings\")");
        project.revision("c3", "'b2'", "add email", "op.add_column(\"users\", sa.Column(\"email\", sa.Text))",
                "op.drop_column(\"users\", \"email\")");

        VerificationReport report = verify();

        assertThat(outcomes(report)).containsExactly(
                "a1 UPGRADES_APPLY PASSED", "a1 DOWNGRADE_RESTORES_SCHEMA PASSED", "a1 REUPGRADE_REPRODUCES_SCHEMA PASSED",
                "b2 UPGRADES_APPLY PASSED", "b2 DOWNGRADE_RESTORES_SCHEMA FAILED", "b2 REUPGRADE_REPRODUCES_SCHEMA FAILED",
                "c3 UPGRADES_APPLY PASSED", "c3 DOWNGRADE_RESTORES_SCHEMA PASSED", "c3 REUPGRADE_REPRODUCES_SCHEMA PASSED");
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.filter(p -> p.getFileName().toString().equals("__pycache__")))
                    .as("importing the project writes no bytecode into it").isEmpty();
        }
    }

    @Test
    void a_downgrade_that_leaves_a_trigger_fails_the_round_trip_naming_the_trigger() {
        project.revision("a1", null, "touch function", """
                op.create_table("notes", sa.Column("id", sa.Integer, primary_key=True),
                                sa.Column("body", sa.Text), sa.Column("updated_at", sa.DateTime))
                op.execute(\"\"\"create function touch() returns trigger language plpgsql as $$
                begin new.updated_at := now(); return new; end $$\"\"\")
                """, """
                op.execute("drop function touch()")
                op.drop_table("notes")
                """);
        project.revision("b2", "'a1'", "touch notes", """
                op.create_index("notes_updated_at", "notes", ["updated_at"])
                op.execute("create trigger notes_touch before update on notes for each row execute function touch()")
                """, """
                op.drop_index("notes_updated_at", table_name="notes")
                """);

        VerificationReport report = verify();

        CheckResult down = result(report, "b2", Check.DOWNGRADE_RESTORES_SCHEMA);
        assertThat(down.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(paths(down)).singleElement().asString().contains("notes_touch");
        assertThat(result(report, "b2", Check.REUPGRADE_REPRODUCES_SCHEMA).error().orElseThrow().message())
                .isEqualTo("trigger \"notes_touch\" for relation \"notes\" already exists"
                        + " SQL: create trigger notes_touch before update on notes for each row execute function touch()");
        assertThat(result(report, "a1", Check.DOWNGRADE_RESTORES_SCHEMA).outcome()).isEqualTo(Outcome.PASSED);
    }

    @Test
    void a_downgrade_that_only_raises_is_irreversible_with_its_message_and_the_full_downgrade_stops_above_it() {
        project.users("a1");
        Path file = project.revision("b2", "'a1'", "merge names", """
                op.add_column("users", sa.Column("full_name", sa.Text))
                op.execute("update users set full_name = name")
                op.drop_column("users", "name")
                """, """
                raise NotImplementedError("first and last names cannot be told apart again")
                """);
        project.revision("c3", "'b2'", "add email", """
                op.add_column("users", sa.Column("email", sa.Text))
                """, "op.drop_column(\"users\", \"email\")");
        String where = project.shown(file) + ":" + AlembicProjectDir.lineOf(file, "raise NotImplementedError");

        VerificationReport report;
        try (MigrationSource source = project.open()) {
            Revision b2 = source.revision("b2").orElseThrow();
            assertThat(b2.hasDowngrade()).isFalse();
            assertThat(source.findings()).filteredOn(f -> f.kind() == Kind.MISSING_DOWNGRADE).singleElement()
                    .extracting(HistoryFinding::file, HistoryFinding::severity)
                    .containsExactly(where, HistoryFinding.Severity.WARNING);
            report = new Verifier(source, VerifierOptions.defaults()).verify(PostgresServer.shared());
        }

        CheckResult down = result(report, "b2", Check.DOWNGRADE_RESTORES_SCHEMA);
        assertThat(down.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(down.reason()).isEqualTo("its downgrade() raises on purpose (" + where
                + ": NotImplementedError: first and last names cannot be told apart again)");
        assertThat(history(report, Check.HISTORY_IS_LINEAR).outcome()).isEqualTo(Outcome.PASSED);
        assertThat(result(report, "c3", Check.DOWNGRADE_RESTORES_SCHEMA).outcome()).isEqualTo(Outcome.PASSED);
        CheckResult full = history(report, Check.FULL_DOWNGRADE_TO_BASE);
        assertThat(full.outcome()).isEqualTo(Outcome.PASSED);
        assertThat(full.reason()).isEqualTo("stopped above revision b2 (no downgrade)");
    }

    @Test
    void a_downgrade_that_raises_only_when_run_is_reported_with_its_message_and_line() {
        project.users("a1");
        Path file = project.revision("b2", "'a1'", "drop legacy", """
                op.drop_column("users", "name")
                """, """
                bind = op.get_bind()
                if bind.dialect.name == "postgresql":
                    raise RuntimeError("revision b2 is irreversible: the names are gone")
                op.add_column("users", sa.Column("name", sa.String(50)))
                """);

        VerificationReport report = verify();

        CheckResult down = result(report, "b2", Check.DOWNGRADE_RESTORES_SCHEMA);
        assertThat(down.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(down.reason()).isEqualTo("the downgrade failed");
        assertThat(down.error().orElseThrow()).extracting(StatementError::file, StatementError::line, StatementError::message)
                .containsExactly(project.shown(file), AlembicProjectDir.lineOf(file, "raise RuntimeError"),
                        "the downgrade says it cannot be undone: RuntimeError: revision b2 is irreversible: the names are gone");
        assertThat(result(report, "a1", Check.DOWNGRADE_RESTORES_SCHEMA).outcome()).isEqualTo(Outcome.PASSED);
    }

    @Test
    void two_heads_fail_history_is_linear_naming_both_and_alembic_merge() {
        project.users("a1");
        project.revision("b2", "'a1'", "orders", """
                op.create_table("orders", sa.Column("id", sa.Integer, primary_key=True))
                """, "op.drop_table(\"orders\")");
        project.revision("c3", "'a1'", "audit", """
                op.create_table("audit", sa.Column("id", sa.Integer, primary_key=True))
                """, "op.drop_table(\"audit\")");

        VerificationReport report = verify();

        CheckResult linear = history(report, Check.HISTORY_IS_LINEAR);
        assertThat(linear.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(linear.reason()).startsWith("alembic.ini: the history has 2 heads (").contains("b2", "c3");
        assertThat(linear.fix()).matches("merge them: alembic merge -m \"merge heads\" (b2 c3|c3 b2); or, for branches"
                + " kept apart on purpose .*");
        assertThat(report.passed()).isFalse();
    }

    @Test
    void heads_each_on_a_labelled_branch_are_branches_kept_apart_on_purpose_and_pass() throws Exception {
        // invenio's packages: independent bases, each with branch_labels, run with `alembic upgrade heads`.
        Path orders = project.revision("b2", null, "orders", """
                op.create_table("orders", sa.Column("id", sa.Integer, primary_key=True))
                """, "op.drop_table(\"orders\")");
        Files.writeString(orders, Files.readString(orders).replace("branch_labels = None", "branch_labels = ('orders',)"));
        project.revision("b3", "'b2'", "order notes", "op.add_column(\"orders\", sa.Column(\"note\", sa.Text))",
                "op.drop_column(\"orders\", \"note\")"); // a head with the label of the branch it is on
        Path audit = project.revision("c2", null, "audit", """
                op.create_table("audit", sa.Column("id", sa.Integer, primary_key=True))
                """, "op.drop_table(\"audit\")");
        Files.writeString(audit, Files.readString(audit).replace("branch_labels = None", "branch_labels = ('audit',)"));

        VerificationReport report = verify();

        assertThat(history(report, Check.HISTORY_IS_LINEAR).outcome()).isEqualTo(Outcome.PASSED);
        assertThat(report.passed()).as(report.toString()).isTrue();
    }

    @Test
    void an_async_env_py_with_a_url_of_its_own_runs_through_asyncpg_on_the_verifiers_database() {
        String python = AlembicPython.interpreter();
        assumeThat(AlembicPython.imports(python, "asyncpg"))
                .as("%s has no asyncpg (apt-get install python3-asyncpg, as .ci/run does)", python).isTrue();
        project.env("""
                import asyncio
                import os

                from alembic import context
                from sqlalchemy import pool
                from sqlalchemy.ext.asyncio import create_async_engine

                # As deployed: the URL from the application's settings, never from alembic.ini.
                url = os.environ.get("NOTES_ASYNC_URL", "postgresql+asyncpg://notes:secret@127.0.0.2:1/notes_production")


                def do_run_migrations(connection):
                    context.configure(connection=connection, target_metadata=None)
                    with context.begin_transaction():
                        context.run_migrations()


                async def run_async_migrations():
                    connectable = create_async_engine(url, poolclass=pool.NullPool)
                    async with connectable.connect() as connection:
                        assert connection.dialect.driver == "asyncpg", connection.dialect.driver
                        await connection.run_sync(do_run_migrations)
                    await connectable.dispose()


                if context.is_offline_mode():
                    context.configure(url=url, literal_binds=True)
                    with context.begin_transaction():
                        context.run_migrations()
                else:
                    asyncio.run(run_async_migrations())
                """);
        project.users("a1");
        project.revision("b2", "'a1'", "feelings", """
                op.create_table("feelings", sa.Column("id", sa.Integer, primary_key=True),
                                sa.Column("mood", sa.Enum("happy", "sad", name="mood")))
                """, "op.drop_table(\"feelings\")");

        VerificationReport report = verify();

        assertThat(result(report, "a1", Check.DOWNGRADE_RESTORES_SCHEMA).outcome()).isEqualTo(Outcome.PASSED);
        assertThat(result(report, "a1", Check.REUPGRADE_REPRODUCES_SCHEMA).outcome()).isEqualTo(Outcome.PASSED);
        assertThat(paths(result(report, "b2", Check.DOWNGRADE_RESTORES_SCHEMA))).containsExactly("type public.mood");
    }
}
