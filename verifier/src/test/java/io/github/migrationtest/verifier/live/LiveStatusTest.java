package io.github.migrationtest.verifier.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.migrationtest.verifier.model.ModelContext;
import io.github.migrationtest.verifier.model.Models;
import io.github.migrationtest.verifier.report.ReportedDifference;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A live database against a golang-migrate history, on real Postgres: each state the status must tell apart. */
class LiveStatusTest {

    @TempDir
    Path dir;
    private LiveFixture fixture;

    @BeforeEach
    void live() throws Exception {
        fixture = new LiveFixture(dir);
    }

    @AfterEach
    void drop() {
        fixture.close();
    }

    @Test
    void a_database_at_head_with_the_heads_schema_is_in_sync() throws Exception {
        LiveStatus status = fixture.upgradedTo(3).status();

        assertThat(status.bookkeeping()).contains("public.schema_migrations (golang-migrate)");
        assertThat(status.revision()).isEqualTo("0003 (email)");
        assertThat(status.atHead()).isTrue();
        assertThat(status.pending()).isEmpty();
        assertThat(status.drift().differences()).isEmpty();
        assertThat(status.inSync()).isTrue();
        assertThat(status.verdict()).isEqualTo("in sync at 0003 (email)");
    }

    @Test
    void a_database_one_revision_behind_names_the_pending_one_and_has_not_drifted() throws Exception {
        LiveStatus status = fixture.upgradedTo(2).status();

        assertThat(status.revision()).isEqualTo("0002 (name index)");
        assertThat(status.atHead()).isFalse();
        assertThat(status.pending()).containsExactly("0003 (email)");
        assertThat(status.drift().differs()).isFalse();
        assertThat(status.inSync()).isFalse();
        assertThat(status.verdict()).isEqualTo("at 0002 (name index), behind by 1");
    }

    @Test
    void a_hand_made_change_is_drift_with_the_sql_that_undoes_it() throws Exception {
        LiveStatus status = fixture.upgradedTo(3)
                .execute("ALTER TABLE users ADD COLUMN nickname text; DROP INDEX users_name_idx").status();

        assertThat(status.drift().differences()).extracting(ReportedDifference::path, ReportedDifference::kind)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("public.users.nickname", "unexpected"),
                        org.assertj.core.groups.Tuple.tuple("public.users_name_idx", "missing"));
        assertThat(status.drift().expected()).isEqualTo("revision 0003 (email)");
        assertThat(status.drift().fix().upgrade())
                .contains("ALTER TABLE public.users DROP COLUMN nickname")
                .contains("CREATE INDEX users_name_idx ON public.users USING btree (name)");
        assertThat(status.verdict()).isEqualTo("at 0003 (email), drifted from 0003 (email)");
        assertThat(StatusText.render(status)).contains("(not run by migrationtest):");
    }

    @Test
    void a_setting_the_administrator_gave_the_database_is_not_drift() throws Exception {
        LiveStatus status = fixture.upgradedTo(3).execute("DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET"
                + " statement_timeout = ''5s''', current_database()); END $$").status();

        assertThat(status.drift().differences()).isEmpty();
        assertThat(status.inSync()).isTrue();
    }

    @Test
    void applied_versions_the_history_lacks_are_named_and_what_came_before_counts_as_applied() throws Exception {
        LiveStatus status = fixture.upgradedTo(3).execute("UPDATE schema_migrations SET version = 7").status();

        assertThat(status.unknown()).containsExactly("7");
        assertThat(status.revision()).isEqualTo("0003 (email)");
        assertThat(status.pending()).isEmpty();
        assertThat(status.inSync()).isFalse();
        assertThat(status.verdict()).contains("1 applied version the history does not have");
    }

    @Test
    void without_a_table_of_applied_versions_the_nearest_revision_is_named_with_its_differences() throws Exception {
        LiveStatus status = fixture.builtByHandTo(2).execute("ALTER TABLE users ADD COLUMN phone text").status();

        assertThat(status.bookkept()).isFalse();
        assertThat(status.revision()).isEqualTo("0002 (name index)");
        assertThat(status.drift().differences()).extracting(ReportedDifference::path)
                .containsExactly("public.users.phone");
        assertThat(status.inSync()).isFalse();
        assertThat(StatusText.render(status))
                .contains("Applied versions: no table of applied versions")
                .contains("Nearest revision by schema: 0002 (name index)");
    }

    @Test
    void a_version_table_under_another_name_is_read_and_left_out_of_the_comparison() throws Exception {
        LiveStatus status = fixture.builtByHandTo(3).execute("CREATE TABLE schema_om (version bigint NOT NULL PRIMARY KEY,"
                + " dirty boolean NOT NULL); INSERT INTO schema_om VALUES (3, false)")
                .status(LiveCheck.Settings.defaults().withVersionTables(java.util.List.of("schema_om")));

        assertThat(status.bookkeeping()).contains("public.schema_om (golang-migrate)");
        assertThat(status.drift().differences()).isEmpty();
        assertThat(status.inSync()).isTrue();
    }

    @Test
    void an_empty_live_database_without_a_table_is_nearest_the_base() throws Exception {
        LiveStatus status = fixture.status();

        assertThat(status.revision()).isEqualTo("base");
        assertThat(status.pending()).hasSize(3);
        assertThat(status.drift().differs()).isFalse();
    }

    @Test
    void with_a_model_the_columns_it_has_and_the_live_database_lacks_are_named() throws Exception {
        Path model = Files.writeString(dir.resolve("schema.sql"),
                "CREATE TABLE users (id int PRIMARY KEY, name text, email text, country text);\n"
                        + "CREATE INDEX users_name_idx ON users (name);\n");
        LiveStatus status = fixture.upgradedTo(3).status(LiveCheck.Settings.defaults()
                .withModel(Models.parse("sql:" + model, ModelContext.workingDirectory())));

        assertThat(status.drift().differs()).isFalse();
        assertThat(status.model()).hasValueSatisfying(comparison -> {
            assertThat(comparison.differences()).extracting(ReportedDifference::path, ReportedDifference::kind)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("public.users.country", "missing"));
            assertThat(comparison.fix().upgrade()).contains("ADD COLUMN country text");
        });
        assertThat(status.verdict()).isEqualTo("at 0003 (email), differs from the model");
    }
}
