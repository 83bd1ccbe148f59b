package io.github.migrationtest.verifier.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.migrationtest.verifier.source.alembic.AlembicPython;
import io.github.migrationtest.verifier.model.SqlAlchemyProject;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code verify <alembic project> --model alembic}: the command hands the history and --python to the model. */
class SqlAlchemyModelCommandLineTest {

    @TempDir
    Path project;

    @Test
    void the_model_of_env_py_is_found_through_the_history_and_read_with_the_python_given() throws IOException {
        String python = AlembicPython.interpreter();
        SqlAlchemyProject.write(project);
        SqlAlchemyProject.write(project, "app/models.py", SqlAlchemyProject.MODELS + "    nickname = sa.Column(sa.Text)\n");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), "verify", project.toString(),
                "--python", python, "--model", "alembic", "--checks", "UPGRADES_APPLY,HEAD_MATCHES_MODEL");

        assertThat(exit).as(out + "" + err).isEqualTo(1);
        assertThat(out.toString()).contains("History: the head schema does not match SQLAlchemy target_metadata of the"
                + " Alembic env.py at " + project + "; alembic check (Alembic ")
                .contains(" would have reported 1 (add_column public.users.nickname)\n"
                        + "  public.users.nickname: missing column: text\n")
                .contains("\n  ALTER TABLE public.users ADD COLUMN nickname text;\n");
    }
}
