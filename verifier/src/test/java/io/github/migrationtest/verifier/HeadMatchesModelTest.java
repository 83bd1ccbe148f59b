package io.github.migrationtest.verifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.github.migrationtest.verifier.fix.ClosingMigration;
import io.github.migrationtest.verifier.model.HeadSchemas;
import io.github.migrationtest.verifier.model.ModelFile;
import io.github.migrationtest.verifier.model.SchemaModel;
import io.github.migrationtest.verifier.model.SnapshotFileModel;
import io.github.migrationtest.verifier.postgres.PostgresServer;
import io.github.migrationtest.verifier.report.Check;
import io.github.migrationtest.verifier.report.CheckResult;
import io.github.migrationtest.verifier.report.FailureText;
import io.github.migrationtest.verifier.report.Outcome;
import io.github.migrationtest.verifier.report.ProposedMigration;
import io.github.migrationtest.verifier.report.ReportedDifference;
import io.github.migrationtest.verifier.snapshot.DatabaseSetting;
import io.github.migrationtest.verifier.snapshot.DefaultPrivileges;
import io.github.migrationtest.verifier.snapshot.SchemaSnapshot;
import io.github.migrationtest.verifier.snapshot.SnapshotOptions;
import io.github.migrationtest.verifier.snapshot.SnapshotText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HEAD_MATCHES_MODEL on a snapshot file model, which needs no database, with a stand-in SQL generator. */
class HeadMatchesModelTest {

    private static final SchemaSnapshot HEAD = HeadSchemas.USERS;
    private static final SchemaSnapshot WITH_NICKNAME = HeadSchemas.USERS_WITH_NICKNAME;
    private static final HeadMatchesModel.Generator ADD_NICKNAME = (head, desired, diff) -> new ClosingMigration(
            "ALTER TABLE public.users ADD COLUMN nickname text;", "ALTER TABLE public.users DROP COLUMN nickname;", List.of());

    @TempDir
    Path dir;

    private Path file;
    private SnapshotFileModel model;

    private CheckResult check(SchemaSnapshot desired, boolean update, HeadMatchesModel.Generator generator)
            throws IOException {
        file = dir.resolve("schema.snapshot");
        if (desired != null) {
            Files.writeString(file, SnapshotText.render(desired));
        }
        model = new SnapshotFileModel(ModelFile.at(file.toString()), f -> "add --update-snapshot");
        VerifierOptions options = VerifierOptions.defaults().withModel(model).withSnapshotUpdate(update);
        return new HeadMatchesModel(options, null, generator).run(Optional.of(HEAD));
    }

    @Test
    void should_pass_when_the_model_holds_the_head_schema() throws IOException {
        CheckResult result = check(HEAD, false, ADD_NICKNAME);

        assertThat(result.outcome()).isEqualTo(Outcome.PASSED);
        assertThat(result.reason()).isEmpty();
        assertThat(result.migration()).isEmpty();
    }

    @Test
    void should_leave_the_databases_settings_and_default_privileges_out_which_a_model_does_not_describe()
            throws IOException {
        SchemaSnapshot headWithSetting = SchemaSnapshot.of(java.util.stream.Stream.concat(HEAD.objects().stream(),
                java.util.stream.Stream.of(new DatabaseSetting("TimeZone", "UTC"),
                        new DefaultPrivileges(null, "public", "tables", "PUBLIC: SELECT"))).toList());
        file = dir.resolve("schema.snapshot");
        Files.writeString(file, SnapshotText.render(HEAD));
        model = new SnapshotFileModel(ModelFile.at(file.toString()), f -> "add --update-snapshot");

        CheckResult result = new HeadMatchesModel(VerifierOptions.defaults().withModel(model), null, ADD_NICKNAME)
                .run(Optional.of(headWithSetting));

        assertThat(result.outcome()).isEqualTo(Outcome.PASSED);
    }

    @Test
    void should_fail_listing_the_differences_by_path_with_the_sql_that_closes_them_and_the_fix() throws IOException {
        CheckResult result = check(WITH_NICKNAME, false, ADD_NICKNAME);

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.differences()).extracting(ReportedDifference::path, ReportedDifference::kind)
                .containsExactly(tuple("public.users.nickname", "missing"));
        assertThat(result.migration()).contains(ProposedMigration.of("ALTER TABLE public.users ADD COLUMN nickname text;",
                "ALTER TABLE public.users DROP COLUMN nickname;", List.of()));
        assertThat(FailureText.render(result)).isEqualTo("""
                History: the head schema does not match snapshot file %1$s
                  public.users.nickname: missing column: text
                Upgrade that closes the gap:
                  ALTER TABLE public.users ADD COLUMN nickname text;
                Its downgrade:
                  ALTER TABLE public.users DROP COLUMN nickname;
                Fix: Add a migration that makes the head schema match the model (the SQL above is a start), or change \
                the model; if the migrations are right, update the snapshot file: add --update-snapshot""".formatted(file));
    }

    @Test
    void should_still_list_the_differences_when_the_sql_generator_fails() throws IOException {
        CheckResult result = check(WITH_NICKNAME, false, (head, desired, diff) -> {
            throw new IllegalStateException("no rule for columns");
        });

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.differences()).extracting(ReportedDifference::path).containsExactly("public.users.nickname");
        assertThat(FailureText.render(result)).contains("""
                  public.users.nickname: missing column: text
                The SQL that closes the gap could not be generated: IllegalStateException: no rule for columns
                Fix: Add a migration that makes the head schema match the model, or change the model""");
    }

    @Test
    void should_fail_the_check_not_the_verification_when_the_model_cannot_be_read() throws IOException {
        CheckResult result = check(null, false, ADD_NICKNAME);

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(FailureText.render(result)).isEqualTo("""
                History: the model could not be read: snapshot file %1$s
                  %1$s: does not exist
                Fix: Create it with the head schema: add --update-snapshot""".formatted(file));
    }

    @Test
    void should_fail_the_check_when_a_model_fails_in_its_library_s_own_terms() {
        SchemaModel hibernateLike = new SchemaModel() {
            @Override
            public String description() {
                return "JPA entities in com.example";
            }

            @Override
            public SchemaSnapshot snapshot(PostgresServer server, SnapshotOptions options) {
                throw new IllegalStateException("Unable to build Hibernate SessionFactory");
            }
        };

        CheckResult result = new HeadMatchesModel(VerifierOptions.defaults().withModel(hibernateLike), null)
                .run(Optional.of(HEAD));

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.reason()).isEqualTo("the model could not be built: JPA entities in com.example:"
                + " java.lang.IllegalStateException: Unable to build Hibernate SessionFactory");
    }

    @Test
    void should_write_the_head_schema_in_update_mode_and_pass_saying_so() throws IOException {
        CheckResult result = check(WITH_NICKNAME, true, ADD_NICKNAME);

        assertThat(result.outcome()).isEqualTo(Outcome.PASSED);
        assertThat(result.reason()).isEqualTo("updated " + file + ": 1 object changed");
        assertThat(model.read()).isEqualTo(HEAD);
        assertThat(check(HEAD, true, ADD_NICKNAME).reason()).as("nothing to update").isEmpty();
    }

    @Test
    void should_not_be_reached_when_head_was_not_and_be_skipped_without_a_model() {
        VerifierOptions withModel = VerifierOptions.defaults().withModel(
                new SnapshotFileModel(ModelFile.at("never-read.snapshot"), f -> "")).withSnapshotUpdate(true);

        CheckResult notReached = new HeadMatchesModel(withModel, null).run(Optional.empty());
        CheckResult skipped = new HeadMatchesModel(VerifierOptions.defaults(), null).run(Optional.of(HEAD));

        assertThat(notReached.outcome()).isEqualTo(Outcome.NOT_REACHED);
        assertThat(notReached.reason()).isEqualTo("an upgrade failed, so head was never reached");
        assertThat(Files.exists(Path.of("never-read.snapshot"))).as("update mode wrote nothing").isFalse();
        assertThat(skipped.outcome()).isEqualTo(Outcome.SKIPPED);
    }

    @Test
    void should_run_by_default_once_a_model_is_given_and_chosen_checks_still_win() {
        SnapshotFileModel any = new SnapshotFileModel(ModelFile.at("schema.snapshot"), f -> "");

        assertThat(VerifierOptions.defaults().runs(Check.HEAD_MATCHES_MODEL)).isFalse();
        assertThat(VerifierOptions.defaults().withModel(any).runs(Check.HEAD_MATCHES_MODEL)).isTrue();
        assertThat(VerifierOptions.defaults().withModel(any).runs(Check.DOWNGRADE_RESTORES_SCHEMA)).isTrue();
        assertThat(VerifierOptions.defaults().withModel(any).withChecks(Set.of(Check.UPGRADES_APPLY))
                .runs(Check.HEAD_MATCHES_MODEL)).isFalse();
    }
}
