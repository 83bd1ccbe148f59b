package io.github.migrationtest.verifier.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.migrationtest.verifier.postgres.DisposableDatabase;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import schemacrawler.schema.Catalog;
import schemacrawler.schema.ColumnReference;
import schemacrawler.schema.ForeignKey;
import schemacrawler.schema.Table;
import schemacrawler.schemacrawler.InfoLevel;
import schemacrawler.schemacrawler.LimitOptionsBuilder;
import schemacrawler.schemacrawler.LoadOptionsBuilder;
import schemacrawler.schemacrawler.SchemaCrawlerOptions;
import schemacrawler.schemacrawler.SchemaCrawlerOptionsBuilder;
import schemacrawler.tools.utility.SchemaCrawlerUtility;
import us.fatehi.utility.datasource.DatabaseConnectionSource;
import us.fatehi.utility.datasource.DatabaseConnectionSources;
import us.fatehi.utility.datasource.MultiUseUserCredentials;

/**
 * An independent reading of the rich fixture: the tables, columns, indexes and foreign keys that
 * SchemaCrawler finds through JDBC metadata are the ones our pg_catalog reader finds.
 */
class SchemaCrawlerCrossCheckTest {
    private static final Set<String> FIXTURE_SCHEMAS = Set.of("app", "Odd Schema", "public");
    private static final Pattern FOREIGN_KEY = Pattern.compile("FOREIGN KEY \\((.+?)\\) REFERENCES (.+?)\\((.+?)\\).*");

    /** SchemaCrawler logs through java.util.logging at INFO; held here so the quieter levels stick. */
    private static final List<java.util.logging.Logger> QUIET = List.of(
            java.util.logging.Logger.getLogger("schemacrawler"), java.util.logging.Logger.getLogger("us.fatehi"));

    private static DisposableDatabase fixture;
    private static SchemaSnapshot ours;
    private static List<Table> theirs;

    @BeforeAll
    static void readBothWays() throws Exception {
        QUIET.forEach(logger -> logger.setLevel(java.util.logging.Level.WARNING));
        fixture = RichFixture.create();
        ours = RichFixture.snapshot(fixture);
        SchemaCrawlerOptions options = SchemaCrawlerOptionsBuilder.newSchemaCrawlerOptions()
                .withLimitOptions(LimitOptionsBuilder.builder()
                        .includeSchemas(Pattern.compile(".*(app|Odd Schema|public).*"))
                        // Partitioned tables are a table type of their own, left out by default.
                        .tableTypes("TABLE", "PARTITIONED TABLE").toOptions())
                .withLoadOptions(LoadOptionsBuilder.builder().withInfoLevel(InfoLevel.standard).toOptions());
        try (DatabaseConnectionSource source = DatabaseConnectionSources.newDatabaseConnectionSource(
                fixture.jdbcUrl(), new MultiUseUserCredentials(fixture.user(), fixture.password()))) {
            Catalog catalog = SchemaCrawlerUtility.getCatalog(source, options);
            theirs = catalog.getTables().stream()
                    .filter(t -> FIXTURE_SCHEMAS.contains(t.getSchema().getName()))
                    .filter(t -> !SnapshotOptions.BOOKKEEPING_TABLES.contains(t.getName()))
                    .toList();
        }
    }

    @AfterAll
    static void dropFixture() {
        fixture.close();
    }

    @Test
    void both_find_the_same_tables() {
        assertThat(names(theirs.stream().map(SchemaCrawlerCrossCheckTest::path).toList()))
                .isEqualTo(names(ours.objects(io.github.migrationtest.verifier.snapshot.Table.class).stream()
                        .map(SchemaObject::path).toList()))
                .contains("app.users", "app.events_2024", "\"Odd Schema\".\"Mixed Case\"");
    }

    @Test
    void both_find_the_same_columns_in_the_same_order_with_the_same_nullability() {
        for (Table table : theirs) {
            io.github.migrationtest.verifier.snapshot.Table mine =
                    ours.table(table.getSchema().getName(), table.getName()).orElseThrow();
            assertThat(table.getColumns().stream().map(c -> c.getName() + (c.isNullable() ? "" : " not null")))
                    .as(path(table))
                    .containsExactlyElementsOf(ours.columns(mine).stream()
                            .map(c -> c.name() + (c.notNull() ? " not null" : "")).toList());
        }
    }

    @Test
    void both_find_the_same_indexes() {
        Set<String> theirIndexes = new TreeSet<>();
        for (Table table : theirs) {
            table.getIndexes().forEach(i -> theirIndexes.add(path(table) + " " + i.getName()));
        }
        Set<String> ourIndexes = ours.objects(Index.class).stream()
                .filter(i -> ours.lookup(i.parentPath()).orElseThrow() instanceof io.github.migrationtest.verifier.snapshot.Table)
                .map(i -> i.parentPath() + " " + i.name())
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(theirIndexes).isEqualTo(ourIndexes).contains("app.users users_created_idx");
    }

    @Test
    void both_find_the_same_foreign_keys() {
        Set<String> theirKeys = new TreeSet<>();
        for (Table table : theirs) {
            for (ForeignKey key : table.getImportedForeignKeys()) {
                List<ColumnReference> references = key.getColumnReferences();
                theirKeys.add(key.getName() + ": " + path(key.getForeignKeyTable()) + "("
                        + references.stream().map(r -> r.getForeignKeyColumn().getName()).collect(Collectors.joining(", "))
                        + ") -> " + path(key.getPrimaryKeyTable()) + "("
                        + references.stream().map(r -> r.getPrimaryKeyColumn().getName()).collect(Collectors.joining(", "))
                        + ")");
            }
        }
        Set<String> ourKeys = new TreeSet<>();
        for (Constraint constraint : ours.objects(Constraint.class)) {
            Matcher foreignKey = FOREIGN_KEY.matcher(constraint.definition());
            if (foreignKey.matches()) {
                ourKeys.add(constraint.name() + ": " + constraint.parentPath() + "(" + foreignKey.group(1) + ") -> "
                        + foreignKey.group(2) + "(" + foreignKey.group(3) + ")");
            }
        }

        assertThat(theirKeys).isEqualTo(ourKeys).containsExactly("orders_user_fk: app.orders(user_id) -> app.users(id)");
    }

    private static String path(Table table) {
        return Identifiers.qualify(table.getSchema().getName(), table.getName());
    }

    private static Set<String> names(Collection<String> names) {
        return new TreeSet<>(names);
    }
}
