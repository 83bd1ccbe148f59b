package io.github.migrationtest.verifier.source.flyway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import io.github.migrationtest.verifier.source.FlywayNames;
import io.github.migrationtest.verifier.source.FreshDatabase;
import io.github.migrationtest.verifier.source.HistoryFinding;
import io.github.migrationtest.verifier.source.MigrationFailedException;
import io.github.migrationtest.verifier.source.MigrationFailure;
import io.github.migrationtest.verifier.source.MigrationSource;
import io.github.migrationtest.verifier.source.MigrationSources;
import io.github.migrationtest.verifier.source.Revision;
import io.github.migrationtest.verifier.source.SourceOptions;
import io.github.migrationtest.verifier.source.SourceOptions.FlywayOptions;
import io.github.migrationtest.verifier.source.SourceType;
import io.github.migrationtest.verifier.source.config.FlywayConfig;
import io.github.migrationtest.verifier.source.config.ToolConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Flyway's file naming settings, applied to Flyway and to the verifier's reading alike, on a real Postgres. */
class FlywayNamesTest {

    @RegisterExtension
    final FreshDatabase db = new FreshDatabase();

    @TempDir
    Path dir;

    private static SourceOptions named(FlywayNames names) {
        return SourceOptions.defaults().withFlyway(new FlywayOptions(null, null, null, null, null, null, null, names));
    }

    private List<String> applied() throws Exception {
        return db.probe().strings("select coalesce(version, '') || ':' || description from flyway_schema_history"
                + " order by installed_rank");
    }

    @Test
    void an_empty_prefix_reads_timestamp_names_as_flyway_runs_them_with_u_and_r_scripts_kept_apart() throws Exception {
        Files.writeString(dir.resolve("20170214123504310__initial_schema.sql"), "CREATE TABLE a (id int);\n");
        Files.writeString(dir.resolve("20170301000000000__add_n.sql"), "ALTER TABLE a ADD COLUMN n int;\n");
        Files.writeString(dir.resolve("U20170301000000000__add_n.sql"), "ALTER TABLE a DROP COLUMN n;\n");
        Files.writeString(dir.resolve("R__view.sql"), "CREATE OR REPLACE VIEW v AS SELECT id FROM a;\n");
        SourceOptions options = named(new FlywayNames("", null, null, null, null, null)).withType(SourceType.FLYWAY);

        MigrationSource source = MigrationSources.open(dir, options);

        assertThat(source.revisions()).extracting(Revision::id, Revision::description, Revision::hasDowngrade)
                .containsExactly(tuple("20170214123504310", "initial schema", false), tuple("20170301000000000", "add n", true));
        assertThat(source.findings()).extracting(HistoryFinding::toString).containsExactly(
                dir.resolve("20170214123504310__initial_schema.sql") + ": has no down file; add "
                        + dir.resolve("U20170214123504310__initial_schema.sql") + ", or declare revision 20170214123504310 irreversible");
        Revision first = source.revisions().get(0);
        Revision head = source.revisions().get(1);
        source.upgrade(first, db.connection());
        source.upgrade(head, db.connection());
        assertThat(applied()).containsExactly("20170214123504310:initial schema", "20170301000000000:add n", ":view");
        source.downgrade(head, db.connection());
        assertThat(db.probe().columns("a")).containsExactly("id");
        assertThat(applied()).containsExactly("20170214123504310:initial schema");
        source.upgrade(head, db.connection());
        assertThat(db.probe().columns("a")).containsExactly("id", "n");
    }

    @Test
    void an_empty_prefix_is_detected_as_flyway_without_the_type() throws Exception {
        Files.writeString(dir.resolve("20240101000000__create_a.sql"), "CREATE TABLE a (id int);\n");

        assertThat(MigrationSources.detect(dir.toString(), named(new FlywayNames("", null, null, null, null, null))))
                .isEqualTo(SourceType.FLYWAY);
    }

    @Test
    void a_custom_suffix_takes_only_the_files_it_ends_and_versions_read_underscores_as_dots() throws Exception {
        // hawkbit: spring.flyway.sql-migration-suffixes=${spring.jpa.database}.sql
        Files.writeString(dir.resolve("V1_0_1__init___POSTGRESQL.sql"), "CREATE TABLE a (id int);\n");
        Files.writeString(dir.resolve("V1_0_1__init___MYSQL.sql"), "CREATE TABLE a (id int) ENGINE=InnoDB;\n");
        Files.writeString(dir.resolve("V1_1__add_n___POSTGRESQL.sql"), "ALTER TABLE a ADD COLUMN n int;\n");
        Files.writeString(dir.resolve("V1_1__add_n___MYSQL.sql"), "ALTER TABLE a ADD COLUMN n int AFTER id;\n");
        SourceOptions options = named(new FlywayNames(null, null, null, null, null, List.of("POSTGRESQL.sql")))
                .withType(SourceType.FLYWAY);

        MigrationSource source = MigrationSources.open(dir, options);

        assertThat(source.revisions()).extracting(Revision::id, Revision::files).containsExactly(
                tuple("1.0.1", List.of(dir.resolve("V1_0_1__init___POSTGRESQL.sql").toString())),
                tuple("1.1", List.of(dir.resolve("V1_1__add_n___POSTGRESQL.sql").toString())));
        for (Revision revision : source.revisions()) {
            source.upgrade(revision, db.connection());
        }
        assertThat(db.probe().columns("a")).containsExactly("id", "n");
        assertThat(db.probe().strings("select version from flyway_schema_history order by installed_rank"))
                .containsExactly("1.0.1", "1.1");
    }

    @Test
    void a_custom_separator_splits_version_from_description_for_flyway_and_for_the_u_script() throws Exception {
        Files.writeString(dir.resolve("V1-create_a.sql"), "CREATE TABLE a (id int);\n");
        Files.writeString(dir.resolve("U1-create_a.sql"), "DROP TABLE a;\n");
        Files.writeString(dir.resolve("V2-add_n.sql"), "ALTER TABLE a ADD COLUMN n int;\n");
        SourceOptions options = named(new FlywayNames(null, null, null, null, "-", null)).withType(SourceType.FLYWAY);

        MigrationSource source = MigrationSources.open(dir, options);

        assertThat(source.revisions()).extracting(Revision::id, Revision::description, Revision::hasDowngrade)
                .containsExactly(tuple("1", "create a", true), tuple("2", "add n", false));
        assertThat(source.findings()).extracting(HistoryFinding::toString).containsExactly(dir.resolve("V2-add_n.sql")
                + ": has no down file; add " + dir.resolve("U2-add_n.sql") + ", or declare revision 2 irreversible");
        Revision first = source.revisions().get(0);
        source.upgrade(first, db.connection());
        assertThat(applied()).containsExactly("1:create a");
        source.downgrade(first, db.connection());
        assertThat(db.probe().tables()).containsExactly("flyway_schema_history");
        source.upgrade(first, db.connection());
        source.upgrade(source.revisions().get(1), db.connection());
        assertThat(applied()).containsExactly("1:create a", "2:add n");
    }

    @Test
    void a_location_whose_files_are_migrations_only_under_other_names_says_which_names_and_how_to_set_them()
            throws Exception {
        Files.writeString(dir.resolve("20240101000000__create_a.sql"), "CREATE TABLE a (id int);\n");
        Files.writeString(dir.resolve("20240102000000__add_n.sql"), "ALTER TABLE a ADD COLUMN n int;\n");

        MigrationSource source = MigrationSources.open(dir, SourceOptions.defaults().withType(SourceType.FLYWAY));

        assertThat(source.revisions()).isEmpty();
        assertThat(source.findings()).extracting(HistoryFinding::toString).containsExactly(dir + ": holds no Flyway"
                + " migration named V<version>__<name>.sql (sqlMigrationPrefix=V, sqlMigrationSeparator=__,"
                + " sqlMigrationSuffixes=.sql), so Flyway would run none; 2 file(s) would be versioned migrations with"
                + " sqlMigrationPrefix= (empty): " + dir.resolve("20240101000000__create_a.sql") + ", "
                + dir.resolve("20240102000000__add_n.sql") + "; if they are the history, give Flyway those names:"
                + " flyway.sqlMigrationPrefix= in flyway.conf (sqlMigrationPrefix = \"\" under [flyway] in flyway.toml;"
                + " spring.flyway.sql-migration-prefix= in a Spring Boot project); otherwise point at the directory that"
                + " holds V<version>__<name>.sql");
    }

    @Test
    void names_parse_as_flyway_s_resource_name_parser_does() {
        FlywayNames empty = new FlywayNames("", null, null, null, null, null);
        assertThat(empty.parse("R__views.sql")).hasValueSatisfying(p -> assertThat(p.kind()).isEqualTo(FlywayNames.Kind.REPEATABLE));
        assertThat(empty.parse("B5__base.sql")).hasValueSatisfying(p -> assertThat(p.kind()).isEqualTo(FlywayNames.Kind.BASELINE));
        assertThat(empty.parse("afterMigrate.sql")).isEmpty();
        assertThat(empty.parse("V1__old_style.sql")).isEmpty();
        assertThat(empty.parse("1_2__a__b.SQL")).hasValue(new FlywayNames.Parsed(FlywayNames.Kind.VERSIONED, "1_2", "a__b"));
        assertThat(FlywayNames.DEFAULT.isDefault()).isTrue();
        assertThat(new FlywayNames("V", "U", "R", "B", "__", List.of(".sql")).isDefault()).isTrue();
    }

    @Test
    void validate_migration_naming_from_flyway_toml_makes_the_upgrade_refuse_a_name_flyway_cannot_read() throws Exception {
        // Mandroide/condominiospostgreedb's flyway.toml (Flyway Desktop's) sets validateMigrationNaming = true, so
        // Flyway's migrate fails on a stray 'old V2__x.sql' in the location; the verifier ignored the setting, skipped
        // the file and passed every upgrade.
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__a.sql"), "CREATE TABLE a (id int);\n");
        Files.writeString(migrations.resolve("old V2__stray.sql"), "CREATE TABLE stray (id int);\n");
        Files.writeString(dir.resolve("flyway.toml"), """
                [flyway]
                locations = [ "filesystem:migrations" ]
                validateMigrationNaming = true
                """);
        ToolConfig config = FlywayConfig.read(dir, null, java.util.Map.of(), java.util.Map.of(), false);
        MigrationSource source = MigrationSources.open(migrations,
                config.applyTo(SourceOptions.defaults()).withType(SourceType.FLYWAY));

        MigrationFailure failure = catchThrowableOfType(MigrationFailedException.class,
                () -> source.upgrade(source.revisions().get(0), db.connection())).failure();

        assertThat(config.describe()).contains("validateMigrationNaming=true");
        assertThat(failure.message()).isEqualTo("Invalid SQL filenames found: Unrecognised migration name format:"
                + " old V2__stray.sql (validateMigrationNaming is true, so Flyway's migrate fails on them before it runs"
                + " anything)");
        assertThat(failure.fix()).startsWith("Rename each so Flyway reads it");
        assertThat(db.probe().strings("select tablename from pg_tables where tablename in ('a', 'stray')")).isEmpty();
    }
}
