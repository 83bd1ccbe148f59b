package io.github.migrationtest.verifier.source.alembic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.migrationtest.verifier.Verifier;
import io.github.migrationtest.verifier.VerifierOptions;
import io.github.migrationtest.verifier.postgres.PostgresServer;
import io.github.migrationtest.verifier.report.Check;
import io.github.migrationtest.verifier.report.CheckResult;
import io.github.migrationtest.verifier.report.Outcome;
import io.github.migrationtest.verifier.report.RevisionReport;
import io.github.migrationtest.verifier.report.VerificationReport;
import io.github.migrationtest.verifier.source.MigrationSource;
import io.github.migrationtest.verifier.source.MigrationSources;
import io.github.migrationtest.verifier.source.SourceOptions;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alembic's own command-line options that change what {@code env.py} sees: {@code --name} (the section of
 * {@code alembic.ini} read) and {@code -x} (what {@code context.get_x_argument()} returns), given as
 * {@code --alembic-name} and {@code --alembic-x}, verified on a real Postgres.
 */
class AlembicCommandOptionsTest {

    @TempDir
    Path dir;

    /** camptocamp/c2cgeoportal's layout: [DEFAULT] holds the shared lines, [main] and [static] a history each. */
    private AlembicProjectDir namedEnvironments() {
        AlembicProjectDir project = AlembicProjectDir.generic(dir);
        project.write("alembic.ini", """
                [DEFAULT]
                script_location = %(here)s/migrations
                sqlalchemy.url = URL

                [main]
                version_locations = %(here)s/migrations/versions

                [static]
                version_locations = %(here)s/static/versions
                """.replace("URL", AlembicProjectDir.UNREACHABLE_URL));
        project.users("m1");
        project.revision("m2", "'m1'", "add email", "op.add_column(\"users\", sa.Column(\"email\", sa.Text))",
                "op.drop_column(\"users\", \"email\")");
        project.write("static/versions/s1_create_pages.py", """
                from alembic import op
                import sqlalchemy as sa

                revision = 's1'
                down_revision = None
                branch_labels = None
                depends_on = None


                def upgrade():
                    op.create_table("pages", sa.Column("id", sa.Integer, primary_key=True))


                def downgrade():
                    op.drop_table("pages")
                """);
        return project;
    }

    private static VerificationReport verified(Path root, SourceOptions options) {
        try (MigrationSource source = MigrationSources.open(root, options)) {
            return new Verifier(source, VerifierOptions.defaults()).verify(PostgresServer.shared());
        }
    }

    private static List<String> revisions(VerificationReport report) {
        return report.revisions().stream().map(RevisionReport::id).toList();
    }

    @Test
    void alembic_name_reads_that_section_of_an_ini_of_named_environments() {
        namedEnvironments();

        VerificationReport main = verified(dir, AlembicProjectDir.options().withAlembicName("main"));
        VerificationReport statics = verified(dir, AlembicProjectDir.options().withAlembicName("static"));

        assertThat(revisions(main)).containsExactly("m1", "m2");
        assertThat(main.passed()).isTrue();
        assertThat(revisions(statics)).containsExactly("s1");
        assertThat(statics.passed()).isTrue();
    }

    @Test
    void without_alembic_name_an_ini_of_named_environments_says_to_name_one() {
        namedEnvironments();

        AlembicException error = catchThrowableOfType(AlembicException.class,
                () -> MigrationSources.open(dir, AlembicProjectDir.options()));

        assertThat(error.getMessage()).isEqualTo("alembic.ini: Alembic cannot read this configuration: it has no [alembic]"
                + " section, but [main], [static], which Alembic runs with `alembic --name <section>`, one environment each:"
                + " verify each with --alembic-name <section> (key migrationtest.alembic.name)");
    }

    @Test
    void an_alembic_name_the_ini_does_not_have_is_refused_naming_the_environments_it_has() {
        namedEnvironments();

        AlembicException error = catchThrowableOfType(AlembicException.class,
                () -> MigrationSources.open(dir, AlembicProjectDir.options().withAlembicName("mian")));

        assertThat(error.getMessage()).isEqualTo("alembic.ini: Alembic cannot read this configuration: it has no [mian]"
                + " section, which --alembic-name mian names; its environments are [main], [static]: name one of them");
    }

    @Test
    void alembic_x_values_reach_env_py_and_the_revisions_as_alembic_x_gives_them() {
        // An env.py that needs -x (the tenant's schema) and reads cmd_opts itself, as projects' own env.py files do.
        AlembicProjectDir project = AlembicProjectDir.generic(dir);
        project.env(AlembicProjectDir.GENERIC_ENV.replace("target_metadata = None\n", """
                target_metadata = None
                tenant = context.get_x_argument(as_dictionary=True).get("tenant")
                if tenant is None or config.cmd_opts.x[-1] != "mode=verbose":
                    raise RuntimeError("run with -x tenant=<name> -x mode=verbose")
                """));
        project.revision("t1", null, "tenant table", """
                from alembic import context
                op.create_table(context.get_x_argument(as_dictionary=True)["tenant"] + "_users",
                                sa.Column("id", sa.Integer, primary_key=True))
                """, """
                from alembic import context
                op.drop_table(context.get_x_argument(as_dictionary=True)["tenant"] + "_users")
                """);

        VerificationReport withX = verified(dir, AlembicProjectDir.options().withAlembicX(List.of("tenant=acme", "mode=verbose")));
        VerificationReport withoutX = verified(dir, AlembicProjectDir.options());

        assertThat(withX.passed()).isTrue();
        assertThat(withX.revision("t1").orElseThrow().result(Check.UPGRADES_APPLY).orElseThrow().outcome())
                .isEqualTo(Outcome.PASSED);
        CheckResult upgrade = withoutX.revision("t1").orElseThrow().result(Check.UPGRADES_APPLY).orElseThrow();
        assertThat(upgrade.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(upgrade.error().orElseThrow().message()).contains("run with -x tenant=<name> -x mode=verbose");
        assertThat(upgrade.fix()).contains("an `alembic -x` value: --alembic-x");
    }

    @Test
    void a_revision_reading_an_alembic_x_value_the_run_lacks_is_told_to_give_it_with_alembic_x() {
        // PnX-SI/GeoNature's revisions: `alembic -x local-srid=2154 upgrade`, the KeyError turned into a message.
        AlembicProjectDir project = AlembicProjectDir.generic(dir);
        project.revision("g1", null, "areas in the local srid", """
                from alembic import context
                try:
                    local_srid = context.get_x_argument(as_dictionary=True)["local-srid"]
                except KeyError:
                    raise Exception("Missing local srid, please use -x local-srid=...")
                op.execute(f"CREATE TABLE areas (id int PRIMARY KEY, srid int DEFAULT {int(local_srid)})")
                """, "op.drop_table(\"areas\")");

        VerificationReport withoutX = verified(dir, AlembicProjectDir.options());
        VerificationReport withX = verified(dir, AlembicProjectDir.options().withAlembicX(List.of("local-srid=2154")));

        CheckResult upgrade = withoutX.revision("g1").orElseThrow().result(Check.UPGRADES_APPLY).orElseThrow();
        assertThat(upgrade.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(upgrade.error().orElseThrow().message())
                .isEqualTo("Exception: Missing local srid, please use -x local-srid=...");
        assertThat(upgrade.fix()).isEqualTo("Give this run the value the revision reads with context.get_x_argument(),"
                + " as `alembic -x local-srid=<value> upgrade` gives it: --alembic-x local-srid=<value> (key"
                + " migrationtest.alembic.x)");
        assertThat(withX.passed()).isTrue();
    }
}
