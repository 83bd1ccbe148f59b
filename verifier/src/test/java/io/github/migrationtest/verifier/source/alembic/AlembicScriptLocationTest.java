package io.github.migrationtest.verifier.source.alembic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.migrationtest.verifier.source.FreshDatabase;
import io.github.migrationtest.verifier.source.MigrationSource;
import io.github.migrationtest.verifier.source.MigrationSources;
import io.github.migrationtest.verifier.source.Revision;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where the migrations folder is: Alembic resolves a relative {@code script_location} against the folder it is run
 * from ({@code %(here)s} is the ini-relative form), which for the verifier is the folder the user names.
 */
class AlembicScriptLocationTest {

    @TempDir
    Path dir;

    @RegisterExtension
    final FreshDatabase db = new FreshDatabase();

    /** A project whose ini, env.py and first revision are at these paths under {@code dir}, with this script_location. */
    private AlembicProjectDir project(String ini, String scriptLocation, String scripts) {
        AlembicProjectDir project = new AlembicProjectDir(dir);
        project.write(ini, "[alembic]\nscript_location = " + scriptLocation + "\nsqlalchemy.url = "
                + AlembicProjectDir.UNREACHABLE_URL + "\n");
        project.write(scripts + "/env.py", AlembicProjectDir.GENERIC_ENV);
        project.write(scripts + "/versions/a1_create_users.py", """
                \"\"\"create users\"\"\"
                from alembic import op
                import sqlalchemy as sa

                revision = 'a1'
                down_revision = None


                def upgrade():
                    op.create_table("users", sa.Column("id", sa.Integer, primary_key=True))


                def downgrade():
                    op.drop_table("users")
                """);
        return project;
    }

    /** Opens the history at {@code location}, runs its first revision and says where the file was found. */
    private String upgraded(Path location) throws Exception {
        try (MigrationSource source = MigrationSources.open(location, AlembicProjectDir.options())) {
            source.usePassword(db.password());
            Revision first = source.revisions().get(0);
            source.upgrade(first, db.connection());
            assertThat(db.probe().tables()).contains("users");
            return first.files().get(0);
        }
    }

    @Test
    void a_relative_script_location_is_found_from_the_named_folder_as_alembic_run_there_finds_it() throws Exception {
        // Flask-Migrate's layout: migrations/alembic.ini says script_location = migrations, run from the app's folder.
        project("server/migrations/alembic.ini", "migrations", "server/migrations");

        assertThat(upgraded(dir.resolve("server"))).isEqualTo("migrations/versions/a1_create_users.py");
    }

    @Test
    void a_relative_script_location_is_found_from_a_folder_between_the_named_one_and_the_ini() throws Exception {
        project("server/migrations/alembic.ini", "migrations", "server/migrations");

        assertThat(upgraded(dir)).isEqualTo("server/migrations/versions/a1_create_users.py");
    }

    @Test
    void a_relative_script_location_next_to_the_ini_is_found_from_the_ini_s_folder_when_the_ini_is_named() throws Exception {
        project("backend/alembic.ini", "alembic", "backend/alembic");

        assertThat(upgraded(dir.resolve("backend/alembic.ini"))).isEqualTo("alembic/versions/a1_create_users.py");
    }

    @Test
    void a_script_location_relative_to_here_does_not_depend_on_the_folder_named() throws Exception {
        project("app/alembic.ini", "%(here)s/db", "app/db");

        assertThat(upgraded(dir)).isEqualTo("app/db/versions/a1_create_users.py");
    }

    @Test
    void a_package_style_script_location_is_imported_from_the_project_s_folder() throws Exception {
        project("alembic.ini", "myapp:migrations", "myapp/migrations").write("myapp/__init__.py", "");

        assertThat(upgraded(dir)).isEqualTo("myapp/migrations/versions/a1_create_users.py");
    }

    @Test
    void a_relative_script_location_found_nowhere_names_the_ini_the_value_the_folders_tried_and_the_fix() {
        project("proj/db/alembic.ini", "migrations", "proj/db");

        AlembicException error = catchThrowableOfType(AlembicException.class,
                () -> MigrationSources.open(dir.resolve("proj"), AlembicProjectDir.options()));

        Path proj = dir.resolve("proj");
        assertThat(error.getMessage()).isEqualTo("db/alembic.ini: script_location = migrations names no folder: Alembic"
                + " resolves a relative script_location against the folder it is run from, and none of "
                + proj.resolve("migrations") + ", " + proj.resolve("db/migrations") + " exists. Name the folder you run"
                + " alembic from (the project's folder) as the location, or make the location independent of it in"
                + " db/alembic.ini: script_location = %(here)s/<the migrations folder, relative to alembic.ini>");
    }

    @Test
    void a_script_location_without_env_py_stops_at_once_naming_the_file_and_alembic_env() throws Exception {
        // Flask-Alembic's layout (FlaskBB): the revisions flat in migrations/, no env.py there, Alembic run by the app.
        project("alembic.ini", "migrations", "migrations");
        Files.delete(dir.resolve("migrations/env.py"));

        AlembicException error = catchThrowableOfType(AlembicException.class,
                () -> MigrationSources.open(dir, AlembicProjectDir.options()));

        assertThat(error.getMessage()).isEqualTo("alembic.ini: script_location = migrations has no env.py"
                + " (migrations/env.py does not exist), which Alembic runs for every command: alembic upgrade stops"
                + " there too (\"Can't find Python file migrations/env.py\"). Run with"
                + " --alembic-env minimal (key migrationtest.alembic.env), migrationtest's own env.py, or"
                + " --alembic-env <your env.py> (a project that runs Alembic through its own code, such as"
                + " Flask-Alembic, has none); or add to the folder the env.py that alembic init writes");
    }

    @Test
    void a_script_location_without_env_py_runs_with_the_minimal_env() throws Exception {
        project("alembic.ini", "migrations", "migrations");
        Files.delete(dir.resolve("migrations/env.py"));

        try (MigrationSource source = MigrationSources.open(dir, AlembicProjectDir.options().withAlembicEnv("minimal"))) {
            source.usePassword(db.password());
            source.upgrade(source.revisions().get(0), db.connection());
            assertThat(db.probe().tables()).contains("users");
        }
    }

    @Test
    void an_ini_named_itself_is_run_from_the_working_directory_first_then_its_own_folder() {
        Path ini = project("proj/db/alembic.ini", "db", "proj/db").root().resolve("proj/db/alembic.ini");
        Path workingDirectory = Path.of("").toAbsolutePath();

        assertThat(AlembicProject.at(ini).runFolders()).containsExactly(workingDirectory, ini.getParent());
        assertThat(AlembicProject.at(dir).runFolders()).containsExactly(dir, dir.resolve("proj"), dir.resolve("proj/db"));
    }
}
