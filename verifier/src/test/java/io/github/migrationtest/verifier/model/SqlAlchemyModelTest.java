package io.github.migrationtest.verifier.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.migrationtest.verifier.Verifier;
import io.github.migrationtest.verifier.VerifierOptions;
import io.github.migrationtest.verifier.postgres.PostgresServer;
import io.github.migrationtest.verifier.report.Check;
import io.github.migrationtest.verifier.report.CheckResult;
import io.github.migrationtest.verifier.report.FailureText;
import io.github.migrationtest.verifier.report.Outcome;
import io.github.migrationtest.verifier.report.ReportedDifference;
import io.github.migrationtest.verifier.snapshot.SchemaSnapshot;
import io.github.migrationtest.verifier.snapshot.SnapshotOptions;
import io.github.migrationtest.verifier.source.MigrationSources;
import io.github.migrationtest.verifier.source.SourceOptions;
import io.github.migrationtest.verifier.source.SourceOptions.AlembicOptions;
import io.github.migrationtest.verifier.source.alembic.AlembicPython;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --model alembic} and {@code sqlalchemy:<module>:<attribute>}: an Alembic project written here, its
 * history walked on the real Postgres, its SQLAlchemy model built with {@code create_all} by a real Python.
 */
class SqlAlchemyModelTest {

    private final PostgresServer server = PostgresServer.shared();
    private String python;

    @TempDir
    Path project;

    @BeforeEach
    void writeProject() throws IOException {
        python = AlembicPython.interpreter();
        SqlAlchemyProject.write(project);
    }

    private Path write(String file, String text) throws IOException {
        return SqlAlchemyProject.write(project, file, text);
    }

    private AlembicOptions alembic() {
        return new AlembicOptions(python, null);
    }

    private SchemaModel model(String spec) {
        ModelContext context = ModelContext.workingDirectory().withHistory(project.toString(), alembic());
        return Models.parse(spec, context);
    }

    private CheckResult verify(String spec) {
        SourceOptions options = SourceOptions.defaults().withAlembicPython(python);
        VerifierOptions verifier = VerifierOptions.defaults().withModel(model(spec))
                .withChecks(EnumSet.of(Check.UPGRADES_APPLY, Check.HEAD_MATCHES_MODEL));
        return new Verifier(MigrationSources.open(project.toString(), options), verifier).verify(server)
                .historyCheck(Check.HEAD_MATCHES_MODEL).orElseThrow();
    }

    private static List<String> differences(CheckResult result) {
        return result.differences().stream().filter(d -> !d.reportOnly()).map(ReportedDifference::description).toList();
    }

    private static String upgrade(CheckResult result) {
        return result.migration().orElseThrow().upgrade();
    }

    @Test
    void the_target_metadata_of_env_py_matching_the_head_passes_without_the_version_table() {
        Set<String> before = server.openDatabases();

        CheckResult result = verify("alembic");

        assertThat(result.outcome()).as(FailureText.render(result)).isEqualTo(Outcome.PASSED);
        assertThat(server.openDatabases()).as("the scratch databases are dropped").isEqualTo(before);
    }

    @Test
    void a_column_no_migration_adds_fails_naming_it_with_the_sql_and_what_alembic_check_says() throws IOException {
        write("app/models.py", SqlAlchemyProject.MODELS + "    nickname = sa.Column(sa.Text)\n");

        CheckResult result = verify("alembic");

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(differences(result)).containsExactly("public.users.nickname: missing column: text");
        assertThat(upgrade(result)).contains("ALTER TABLE public.users ADD COLUMN nickname text;");
        assertThat(result.reason()).startsWith("the head schema does not match SQLAlchemy target_metadata of the Alembic"
                + " env.py at " + project + "; alembic check (Alembic ")
                .endsWith(" would have reported 1 (add_column public.users.nickname)");
    }

    @Test
    void an_enum_label_no_migration_adds_fails_and_alembic_check_is_shown_blind_to_it() throws IOException {
        write("app/models.py", SqlAlchemyProject.MODELS.replace("\"happy\", \"sad\",", "\"happy\", \"sad\", \"meh\","));

        CheckResult result = verify("alembic");

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(differences(result)).containsExactly("type public.mood: labels 'happy', 'sad', 'meh' -> 'happy', 'sad'");
        assertThat(upgrade(result)).contains("ALTER TYPE public.mood ADD VALUE 'meh'");
        assertThat(result.reason()).endsWith(" would have passed: it is blind to this difference");
    }

    @Test
    void a_server_default_no_migration_sets_fails_naming_the_column() throws IOException {
        write("app/models.py", SqlAlchemyProject.MODELS.replace("nullable=False)", "nullable=False, server_default=\"anonymous\")"));

        CheckResult result = verify("alembic");

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(differences(result)).singleElement().asString().startsWith("public.users.name: ").contains("anonymous");
        assertThat(upgrade(result)).contains("ALTER TABLE public.users ALTER COLUMN name SET DEFAULT 'anonymous'");
        assertThat(result.reason()).contains("compare_server_default=False)")
                .endsWith(" would have passed: it is blind to this difference");
    }

    @Test
    void a_declarative_base_named_as_module_and_attribute_is_the_model_whatever_env_py_configures() throws IOException {
        write("migrations/env.py", SqlAlchemyProject.ENV.replace("target_metadata = Base.metadata", "target_metadata = None"));

        CheckResult result = verify("sqlalchemy:app.models:Base");

        assertThat(result.outcome()).as(FailureText.render(result)).isEqualTo(Outcome.PASSED);
        assertThat(model("sqlalchemy:app.models:Base").description()).isEqualTo("SQLAlchemy metadata sqlalchemy:app.models:Base");
    }

    @Test
    void a_metadata_in_a_schema_of_its_own_is_built_after_that_schema() throws IOException {
        write("app/audit.py", """
                import sqlalchemy as sa

                metadata = sa.MetaData(schema="audit")
                events = sa.Table("events", metadata, sa.Column("id", sa.Integer, primary_key=True))
                """);

        SchemaSnapshot snapshot = model("sqlalchemy:app.audit:metadata").snapshot(server, SnapshotOptions.defaults());

        assertThat(snapshot.lookup("audit.events.id")).isPresent();
    }

    @Test
    void an_env_py_without_target_metadata_says_where_to_give_it() throws IOException {
        write("migrations/env.py", SqlAlchemyProject.ENV.replace("target_metadata = Base.metadata", "target_metadata = None"));
        Set<String> before = server.openDatabases();

        assertThatThrownBy(() -> model("alembic").snapshot(server, SnapshotOptions.defaults()))
                .isInstanceOfSatisfying(ModelFileException.class, e -> {
                    assertThat(e.failure().file()).isEqualTo("migrations/env.py");
                    assertThat(e.failure().message()).isEqualTo("migrations/env.py configures no target_metadata");
                    assertThat(e.fix()).isEqualTo("pass target_metadata=<the application's MetaData> to context.configure()"
                            + " in env.py (alembic check needs it too), or name the model as sqlalchemy:<module>:<attribute>");
                });
        assertThat(server.openDatabases()).isEqualTo(before);
    }

    @Test
    void an_env_py_that_cannot_run_offline_is_read_online_leaving_no_version_table_in_the_model() throws IOException {
        write("migrations/env.py", SqlAlchemyProject.ENV.replace("if context.is_offline_mode():",
                "if context.is_offline_mode():\n    raise RuntimeError(\"offline mode is not supported\")"));

        SchemaSnapshot snapshot = model("alembic").snapshot(server, SnapshotOptions.defaults().withExcludedTables());

        assertThat(snapshot.lookup("public.users.email")).isPresent();
        assertThat(snapshot.lookup("public.alembic_version")).as("even when bookkeeping tables are read").isEmpty();
    }

    @Test
    void a_module_that_does_not_exist_is_named_with_the_python_error() {
        Path root = project.toAbsolutePath().normalize();
        assertThatThrownBy(() -> model("sqlalchemy:app.modles:Base").snapshot(server, SnapshotOptions.defaults()))
                .isInstanceOfSatisfying(ModelFileException.class, e -> {
                    assertThat(e.failure().file()).isEqualTo("app.modles");
                    assertThat(e.failure().message()).isEqualTo("the module app.modles cannot be imported:"
                            + " ModuleNotFoundError: No module named 'app.modles'");
                    assertThat(e.fix()).startsWith("make app.modles importable: name a module under " + root
                            + " (where imports start from) or on PYTHONPATH");
                });
    }

    @Test
    void a_module_that_fails_on_import_is_named_with_its_file_line_and_error() throws IOException {
        write("app/models.py", "import os\n\nDATABASE = os.environ[\"APP_DATABASE_URL\"]\n" + SqlAlchemyProject.MODELS);

        assertThatThrownBy(() -> model("sqlalchemy:app.models:Base").snapshot(server, SnapshotOptions.defaults()))
                .isInstanceOfSatisfying(ModelFileException.class, e -> {
                    assertThat(e.failure().location()).isEqualTo("app/models.py:3");
                    assertThat(e.failure().message()).isEqualTo("the module app.models cannot be imported: KeyError:"
                            + " 'APP_DATABASE_URL'");
                    assertThat(e.fix()).isEqualTo("correct app/models.py:3: the module must import without the application"
                            + " running (no database, no settings it cannot find)");
                });
    }

    @Test
    void a_module_whose_own_import_is_missing_says_to_install_it_or_name_another_python() throws IOException {
        write("app/models.py", "import acme_billing\n" + SqlAlchemyProject.MODELS);

        assertThatThrownBy(() -> model("sqlalchemy:app.models:Base").snapshot(server, SnapshotOptions.defaults()))
                .isInstanceOfSatisfying(ModelFileException.class, e -> {
                    assertThat(e.failure().location()).isEqualTo("app/models.py:1");
                    assertThat(e.failure().message()).isEqualTo("the module app.models cannot be imported:"
                            + " ModuleNotFoundError: No module named 'acme_billing'");
                    assertThat(e.fix()).startsWith("install what app/models.py:1 imports into the Python that reads the"
                            + " model, or name the one that has the project's packages with --python");
                });
    }

    @Test
    void an_attribute_that_is_not_metadata_says_what_it_is() throws IOException {
        write("app/models.py", SqlAlchemyProject.MODELS + "\nDATABASE_URL = \"postgresql:///app\"\n");

        assertThatThrownBy(() -> model("sqlalchemy:app.models:DATABASE_URL").snapshot(server, SnapshotOptions.defaults()))
                .hasMessageContaining("app.models:DATABASE_URL is a str, not SQLAlchemy MetaData or a declarative base");
        assertThatThrownBy(() -> model("sqlalchemy:app.models:Bsae").snapshot(server, SnapshotOptions.defaults()))
                .hasMessageContaining("AttributeError: module 'app.models' has no attribute 'Bsae'")
                .hasMessageContaining("name the MetaData or the declarative base the module defines");
    }

    @Test
    void alembic_as_the_model_of_a_history_that_is_no_alembic_project_names_the_other_form() throws IOException {
        Path sql = Files.createDirectories(project.resolve("sql"));
        SchemaModel model = Models.parse("alembic", ModelContext.workingDirectory().withHistory(sql.toString(), alembic()));

        assertThatThrownBy(() -> model.snapshot(server, SnapshotOptions.defaults())).isInstanceOf(ModelException.class)
                .hasMessage("--model alembic reads the target_metadata of an Alembic project's env.py, but the history at "
                        + sql + " is not an Alembic project (no alembic.ini). Fix: name the model as"
                        + " sqlalchemy:<module>:<attribute>, e.g. sqlalchemy:app.models:Base");
    }

    @Test
    void a_python_without_alembic_is_named_with_how_to_install_it() {
        SchemaModel model = Models.parse("sqlalchemy:app.models:Base", ModelContext.workingDirectory()
                .withHistory(project.toString(), new AlembicOptions("/bin/sh-is-no-python", null)));

        assertThatThrownBy(() -> model.snapshot(server, SnapshotOptions.defaults())).isInstanceOf(ModelException.class)
                .hasMessageContaining("Could not start the Python interpreter '/bin/sh-is-no-python'")
                .hasMessageContaining("--python <path>");
    }

    @Test
    void the_history_and_python_of_the_context_reach_the_model() {
        SchemaModel model = Models.parse("ALEMBIC", ModelContext.workingDirectory().withHistory(project.toString(), alembic()));

        assertThat(model).isInstanceOfSatisfying(SqlAlchemyModel.class, m -> assertThat(m.fromEnv()).isTrue());
        assertThat(model.description()).isEqualTo("SQLAlchemy target_metadata of the Alembic env.py at " + project);
    }
}
