package io.github.migrationtest.verifier.source.flyway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import io.github.migrationtest.verifier.source.HistoryFinding;
import io.github.migrationtest.verifier.source.MigrationFailedException;
import io.github.migrationtest.verifier.source.MigrationFailure;
import io.github.migrationtest.verifier.source.MigrationSource;
import io.github.migrationtest.verifier.source.MigrationSources;
import io.github.migrationtest.verifier.source.Revision;
import io.github.migrationtest.verifier.source.FreshDatabase;
import io.github.migrationtest.verifier.source.SourceOptions;
import io.github.migrationtest.verifier.source.SourceType;
import io.github.migrationtest.verifier.source.StepResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class FlywaySourceTest {

    private static final Path BASIC = Path.of("src/test/resources/source/flyway/basic");
    private static final SourceOptions OPTIONS = SourceOptions.defaults()
            .withPlaceholders(Map.of("email_comment", "where we write"));

    @RegisterExtension
    final FreshDatabase db = new FreshDatabase();

    private List<String> history() throws Exception {
        return db.probe().strings("select version || ':' || success from flyway_schema_history where version is not null order by installed_rank");
    }

    @Test
    void a_directory_of_v_scripts_is_detected_as_flyway_when_flyway_is_there() {
        assertThat(MigrationSources.detect(BASIC.toString(), SourceOptions.defaults())).isEqualTo(SourceType.FLYWAY);
    }

    @Test
    void revisions_are_the_versions_and_a_version_without_u_script_has_no_downgrade() {
        MigrationSource source = MigrationSources.open(BASIC, OPTIONS);

        assertThat(source.type()).isEqualTo(SourceType.FLYWAY);
        assertThat(source.revisions()).extracting(Revision::id, Revision::description, Revision::hasDowngrade)
                .containsExactly(tuple("1", "create users", true), tuple("2", "add email", true), tuple("3", "seed", false));
        assertThat(source.findings()).extracting(HistoryFinding::toString)
                .containsExactly(BASIC.resolve("V3__seed.sql") + ": has no down file; add " + BASIC.resolve("U3__seed.sql")
                        + ", or declare revision 3 irreversible");
    }

    @Test
    void upgrade_goes_through_flyway_one_version_at_a_time_and_downgrade_keeps_its_history_consistent() throws Exception {
        MigrationSource source = MigrationSources.open(BASIC, OPTIONS);
        Revision first = source.revisions().get(0);
        Revision second = source.revisions().get(1);

        source.upgrade(first, db.connection());
        assertThat(db.probe().columns("users")).containsExactly("id", "name");
        assertThat(history()).containsExactly("1:true");

        source.upgrade(second, db.connection());
        assertThat(db.probe().columns("users")).containsExactly("id", "name", "email");
        assertThat(db.probe().value("select col_description('users'::regclass, 3)")).isEqualTo("where we write");
        assertThat(history()).containsExactly("1:true", "2:true");

        source.downgrade(second, db.connection());
        assertThat(db.probe().columns("users")).containsExactly("id", "name");
        assertThat(history()).containsExactly("1:true");

        source.upgrade(second, db.connection());
        assertThat(db.probe().columns("users")).containsExactly("id", "name", "email");
        assertThat(history()).containsExactly("1:true", "2:true");

        source.downgrade(second, db.connection());
        source.downgrade(first, db.connection());
        assertThat(db.probe().tables()).containsExactly("flyway_schema_history");
        assertThat(history()).isEmpty();
        assertThat(db.connection().getAutoCommit()).isTrue();
    }

    @Test
    void a_classpath_location_works_like_the_directory() throws Exception {
        MigrationSource source = MigrationSources.open("classpath:source/flyway/basic", OPTIONS);

        assertThat(source.type()).isEqualTo(SourceType.FLYWAY);
        assertThat(source.revisions()).extracting(Revision::id).containsExactly("1", "2", "3");
        source.upgrade(source.revisions().get(0), db.connection());
        source.downgrade(source.revisions().get(0), db.connection());
        assertThat(db.probe().tables()).containsExactly("flyway_schema_history");
    }

    @Test
    void a_classpath_location_without_a_versioned_migration_is_not_taken_for_flyways() {
        // SQL pairs on the class path of a project that also has Flyway: Flyway would find nothing there.
        MigrationSource source = MigrationSources.open("classpath:source/sqlpairs", SourceOptions.defaults());

        assertThat(source.type()).isEqualTo(SourceType.SQL);
        assertThat(source.revisions()).extracting(Revision::id).containsExactly("0001");
    }

    @Test
    void a_filesystem_location_as_flyway_writes_it_works_too() throws Exception {
        MigrationSource source = MigrationSources.open("filesystem:" + BASIC, OPTIONS);

        assertThat(source.type()).isEqualTo(SourceType.FLYWAY);
        source.upgrade(source.revisions().get(0), db.connection());
        assertThat(history()).containsExactly("1:true");
    }

    @Test
    void a_failing_v_script_points_at_the_line_and_column_in_it() throws Exception {
        Path broken = Path.of("src/test/resources/source/flyway/broken");
        MigrationSource source = MigrationSources.open(broken, SourceOptions.defaults());
        source.upgrade(source.revisions().get(0), db.connection());

        MigrationFailure failure = catchThrowableOfType(MigrationFailedException.class,
                () -> source.upgrade(source.revisions().get(1), db.connection())).failure();

        assertThat(failure.location()).isEqualTo(broken.resolve("V2__typo.sql") + ":4:20");
        assertThat(failure.message()).isEqualTo("type \"integr\" does not exist");
        assertThat(db.probe().columns("users")).as("Flyway ran the version in a transaction").containsExactly("id");
        assertThat(history()).containsExactly("1:true");
    }

    @Test
    void upgrading_a_revision_that_is_already_applied_is_a_failure_not_a_silent_no_op() {
        MigrationSource source = MigrationSources.open(BASIC, OPTIONS);
        source.upgrade(source.revisions().get(0), db.connection());

        MigrationFailure failure = catchThrowableOfType(MigrationFailedException.class,
                () -> source.upgrade(source.revisions().get(0), db.connection())).failure();

        assertThat(failure.message()).isEqualTo("Flyway applied nothing for version 1: it is already applied");
    }

    @Test
    void downgrading_a_version_that_is_not_applied_changes_nothing() throws Exception {
        MigrationSource source = MigrationSources.open(BASIC, OPTIONS);
        source.upgrade(source.revisions().get(0), db.connection());

        MigrationFailure failure = catchThrowableOfType(MigrationFailedException.class,
                () -> source.downgrade(source.revisions().get(1), db.connection())).failure();

        assertThat(failure.message()).isEqualTo("version 2 is not applied according to public.flyway_schema_history:"
                + " upgrade it before downgrading it");
        assertThat(db.probe().columns("users")).containsExactly("id", "name");
    }

    @Test
    void a_u_script_without_its_v_script_is_a_finding() {
        Path dir = Path.of("src/test/resources/source/flyway/undo-without-version");

        MigrationSource source = MigrationSources.open(dir, SourceOptions.defaults());

        assertThat(source.findings()).extracting(HistoryFinding::toString).containsExactly(
                dir.resolve("U2__b.sql") + ": is a U script without its V script; add " + dir.resolve("V2__b.sql")
                        + " or delete this file");
    }

    /** Found on a real Flyway history (hawkbit's Postgres folder: B1_20_0, then V1_20_2 and V1_20_3). */
    @Test
    void the_latest_baseline_migration_is_the_first_revision_as_flyway_runs_it_on_a_new_database(@TempDir Path dir)
            throws Exception {
        Files.writeString(dir.resolve("V1__t.sql"), "create table t (id int);");
        Files.writeString(dir.resolve("U1__t.sql"), "drop table t;");
        Files.writeString(dir.resolve("B1__old_baseline.sql"), "create table t (id int);");
        Files.writeString(dir.resolve("V2__u.sql"), "create table u (id int);");
        Files.writeString(dir.resolve("B2__baseline.sql"), "create table t (id int);\ncreate table u (id int);");
        Files.writeString(dir.resolve("V3__v.sql"), "create table v (id int);");
        Files.writeString(dir.resolve("U3__v.sql"), "drop table v;");
        MigrationSource source = MigrationSources.open(dir, SourceOptions.defaults());

        assertThat(source.revisions()).extracting(Revision::id, Revision::hasDowngrade, Revision::oneWay)
                .containsExactly(tuple("2", false, java.util.Optional.of("a Flyway baseline migration builds a new"
                        + " database's schema at its version in one step, and nothing undoes it")),
                        tuple("3", true, java.util.Optional.empty()));
        assertThat(source.findings()).extracting(HistoryFinding::toString).singleElement().asString()
                .contains("B2__baseline.sql: replaces on a new database, as Flyway runs it, the 4 migration file(s) up to"
                        + " its version, which are not run");

        source.upgrade(source.revisions().get(0), db.connection());
        source.upgrade(source.revisions().get(1), db.connection());
        assertThat(history()).containsExactly("2:true", "3:true");
        assertThat(db.probe().tables()).contains("t", "u", "v");
    }

    @Test
    void a_failing_u_script_leaves_the_version_applied_in_flyways_history(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("V1__t.sql"), "create table t (id int);");
        Files.writeString(dir.resolve("U1__t.sql"), "drop table t;\ndrop table not_there;");
        MigrationSource source = MigrationSources.open(dir, SourceOptions.defaults());
        source.upgrade(source.revisions().get(0), db.connection());

        MigrationFailure failure = catchThrowableOfType(MigrationFailedException.class,
                () -> source.downgrade(source.revisions().get(0), db.connection())).failure();

        assertThat(failure.location()).isEqualTo(dir.resolve("U1__t.sql") + ":2:1");
        assertThat(db.probe().tables()).contains("t");
        assertThat(history()).containsExactly("1:true");
    }

    @Test
    void a_u_script_that_drops_flyways_history_table_is_named_as_the_cause(@TempDir Path dir) throws Exception {
        // Undo scripts written to be run by hand end so; the version's row is then deleted from a table that is gone.
        Files.writeString(dir.resolve("V1__t.sql"), "create table t (id int);");
        Files.writeString(dir.resolve("U1__t.sql"), "drop table t;\ndrop table flyway_schema_history;");
        MigrationSource source = MigrationSources.open(dir, SourceOptions.defaults());
        source.upgrade(source.revisions().get(0), db.connection());

        MigrationFailure failure = catchThrowableOfType(MigrationFailedException.class,
                () -> source.downgrade(source.revisions().get(0), db.connection())).failure();

        assertThat(failure.file()).isEqualTo(dir.resolve("U1__t.sql").toString());
        assertThat(failure.message()).startsWith("the U script dropped Flyway's schema history table"
                + " public.flyway_schema_history");
        assertThat(failure.fix()).isEqualTo("leave public.flyway_schema_history to Flyway: take its DROP out of "
                + dir.resolve("U1__t.sql"));
        assertThat(history()).as("the step was rolled back whole").containsExactly("1:true");
    }

    @Test
    void a_u_script_gets_flyways_built_in_placeholders_too(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("V1__t.sql"), "create table t (id int);\ncreate table undo_log (note text);");
        Files.writeString(dir.resolve("U1__t.sql"), "insert into undo_log values ('${flyway:defaultSchema}|${flyway:table}"
                + "|${flyway:user}|${flyway:database}|${flyway:filename}|${email_comment}');\ndrop table t;");
        MigrationSource source = MigrationSources.open(dir, OPTIONS);
        source.upgrade(source.revisions().get(0), db.connection());

        source.downgrade(source.revisions().get(0), db.connection());

        assertThat(db.probe().value("select note from undo_log")).isEqualTo("public|flyway_schema_history|"
                + db.probe().value("select current_user") + "|" + db.probe().value("select current_database()")
                + "|U1__t.sql|where we write");
        assertThat(db.probe().tables()).doesNotContain("t");
    }

    @Test
    void a_v_script_that_cannot_run_in_a_transaction_is_reported_as_such(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("V1__t.sql"), "create table t (id int);");
        Files.writeString(dir.resolve("V2__idx.sql"), "-- without locking writes\ncreate index concurrently t_id on t (id);");
        Files.writeString(dir.resolve("U2__idx.sql"), "drop index concurrently t_id;");
        MigrationSource source = MigrationSources.open(dir, SourceOptions.defaults());

        StepResult table = source.upgrade(source.revisions().get(0), db.connection());
        StepResult index = source.upgrade(source.revisions().get(1), db.connection());

        assertThat(table.transactional()).isTrue();
        assertThat(table.nonTransactionalReason()).isEmpty();
        assertThat(index.transactional()).isFalse();
        assertThat(index.nonTransactionalReason())
                .isEqualTo(dir.resolve("V2__idx.sql") + ":2: CREATE INDEX CONCURRENTLY cannot run inside a transaction");
        assertThat(db.probe().indexes()).contains("t_id");
        assertThat(history()).containsExactly("1:true", "2:true");

        StepResult down = source.downgrade(source.revisions().get(1), db.connection());
        assertThat(down.transactional()).isFalse();
        assertThat(db.probe().indexes()).doesNotContain("t_id");
        assertThat(history()).containsExactly("1:true");
    }
}
