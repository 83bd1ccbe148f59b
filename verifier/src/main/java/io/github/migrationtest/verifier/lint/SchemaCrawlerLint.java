package io.github.migrationtest.verifier.lint;

import io.github.migrationtest.verifier.safety.Evidence;
import io.github.migrationtest.verifier.safety.Finding;
import io.github.migrationtest.verifier.safety.SafetyFinding;
import io.github.migrationtest.verifier.snapshot.Identifiers;
import io.github.migrationtest.verifier.source.Direction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import schemacrawler.schema.Catalog;
import schemacrawler.schema.ColumnReference;
import schemacrawler.schema.ForeignKey;
import schemacrawler.schema.Index;
import schemacrawler.schema.IndexColumn;
import schemacrawler.schema.Table;
import schemacrawler.schemacrawler.InfoLevel;
import schemacrawler.schemacrawler.LimitOptionsBuilder;
import schemacrawler.schemacrawler.LoadOptionsBuilder;
import schemacrawler.schemacrawler.SchemaCrawlerOptions;
import schemacrawler.schemacrawler.SchemaCrawlerOptionsBuilder;
import schemacrawler.tools.lint.Lint;
import schemacrawler.tools.lint.LintSeverity;
import schemacrawler.tools.lint.LinterRegistry;
import schemacrawler.tools.lint.Linters;
import schemacrawler.tools.lint.config.LinterConfig;
import schemacrawler.tools.lint.config.LinterConfigs;
import schemacrawler.tools.options.Config;
import schemacrawler.tools.utility.SchemaCrawlerUtility;
import us.fatehi.utility.datasource.DatabaseConnectionSources;

/**
 * The one class that talks to SchemaCrawler: loads the catalog of the verified schemas over the head
 * database's connection, runs the chosen linters and turns their lints into our findings. Nothing of
 * SchemaCrawler leaves it.
 */
final class SchemaCrawlerLint {

    /** The linters run, each with the finding it makes; the others are too noisy for Postgres (docs/safety.md). */
    private static final Map<String, Finding> LINTERS = Map.of(
            "schemacrawler.tools.linter.LinterForeignKeyWithNoIndexes", Finding.LINT_FK_WITHOUT_INDEX,
            "schemacrawler.tools.linter.LinterTableWithNoPrimaryKey", Finding.LINT_TABLE_WITHOUT_PRIMARY_KEY,
            "schemacrawler.tools.linter.LinterRedundantIndexes", Finding.LINT_REDUNDANT_INDEX);

    /** SchemaCrawler logs through java.util.logging at INFO; held here so the quieter levels stick. */
    private static final List<java.util.logging.Logger> QUIET = List.of(
            java.util.logging.Logger.getLogger("schemacrawler"), java.util.logging.Logger.getLogger("us.fatehi"));

    /** Partitions: their keys and indexes are their parent's, which is linted itself. */
    private static final String PARTITIONS = """
            select n.nspname, c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
            where c.relispartition and n.nspname = any (?)""";

    private SchemaCrawlerLint() {
    }

    static List<SafetyFinding> lint(Connection connection, Set<String> schemas, Set<String> excludedTables)
            throws SQLException {
        if (schemas.isEmpty()) {
            return List.of();
        }
        QUIET.forEach(logger -> logger.setLevel(java.util.logging.Level.WARNING));
        Catalog catalog = SchemaCrawlerUtility.getCatalog(DatabaseConnectionSources.fromConnection(connection),
                options(schemas));
        Linters linters = new Linters(configs(), false);
        linters.initialize(LinterRegistry.getLinterRegistry());
        linters.lint(catalog, connection);
        Set<String> partitions = partitions(connection, schemas);
        List<SafetyFinding> found = new ArrayList<>();
        List<Table> tables = catalog.getTables().stream()
                .filter(t -> schemas.contains(t.getSchema().getName()))
                .filter(t -> !excluded(t, excludedTables) && !partitions.contains(path(t)))
                .sorted(Comparator.comparing(SchemaCrawlerLint::path)).toList();
        for (Table table : tables) {
            for (Lint<?> lint : linters.getLints().getLints(table)) {
                Finding finding = LINTERS.get(lint.getLinterId());
                if (finding != null) {
                    found.add(finding(finding, table, lint.getValue()));
                }
            }
        }
        return found;
    }

    private static SchemaCrawlerOptions options(Set<String> schemas) {
        // Postgres names a schema without a catalog; the pattern also takes a quoted or catalog-qualified name.
        String names = schemas.stream().map(Pattern::quote).collect(Collectors.joining("|"));
        return SchemaCrawlerOptionsBuilder.newSchemaCrawlerOptions()
                .withLimitOptions(LimitOptionsBuilder.builder()
                        .includeSchemas(Pattern.compile("(?:.*\\.)?\"?(?:" + names + ")\"?"))
                        .tableTypes("TABLE", "PARTITIONED TABLE").toOptions())
                .withLoadOptions(LoadOptionsBuilder.builder().withInfoLevel(InfoLevel.standard).toOptions());
    }

    private static LinterConfigs configs() {
        LinterConfigs configs = new LinterConfigs(new Config());
        for (String id : LINTERS.keySet()) {
            configs.add(new LinterConfig(id, true, LintSeverity.medium, Integer.MAX_VALUE, ".*", "", ".*", "",
                    new LinkedHashMap<>()));
        }
        return configs;
    }

    private static SafetyFinding finding(Finding finding, Table table, Object value) {
        String object = path(table);
        String detail = switch (finding) {
            case LINT_FK_WITHOUT_INDEX -> value instanceof ForeignKey key ? foreignKey(table, key) : String.valueOf(value);
            case LINT_REDUNDANT_INDEX -> value instanceof Index index ? redundant(table, index) : String.valueOf(value);
            default -> "no primary key";
        };
        return new SafetyFinding(finding, Direction.UP, "", 0, object, detail, Evidence.LINT, "");
    }

    private static String foreignKey(Table table, ForeignKey key) {
        String columns = key.getColumnReferences().stream().map(r -> Identifiers.quote(r.getForeignKeyColumn().getName()))
                .collect(Collectors.joining(", "));
        String target = key.getColumnReferences().stream().findFirst().map(ColumnReference::getPrimaryKeyColumn)
                .map(c -> path(c.getParent())).orElse("?");
        return "foreign key " + key.getName() + " (" + columns + ") to " + target + " has no index that starts with"
                + " its columns; fix: CREATE INDEX CONCURRENTLY ON " + path(table) + " (" + columns + ");";
    }

    private static String redundant(Table table, Index index) {
        String covered = Identifiers.qualify(table.getSchema().getName(), index.getName());
        String coveredBy = table.getIndexes().stream()
                .filter(other -> !other.getName().equals(index.getName()) && leads(index, other))
                .map(other -> other.getName() + " (" + columns(other) + ")").findFirst().orElse("another index");
        return "index " + covered + " (" + columns(index) + ") is covered by " + coveredBy
                + "; fix: DROP INDEX CONCURRENTLY " + covered + ";";
    }

    private static boolean leads(Index shorter, Index longer) {
        List<String> a = shorter.getColumns().stream().map(IndexColumn::getName).toList();
        List<String> b = longer.getColumns().stream().map(IndexColumn::getName).toList();
        return b.size() >= a.size() && b.subList(0, a.size()).equals(a);
    }

    private static String columns(Index index) {
        return index.getColumns().stream().map(c -> Identifiers.quote(c.getName())).collect(Collectors.joining(", "));
    }

    private static boolean excluded(Table table, Set<String> excludedTables) {
        return excludedTables.contains(table.getName())
                || excludedTables.contains(table.getSchema().getName() + "." + table.getName());
    }

    private static Set<String> partitions(Connection connection, Set<String> schemas) throws SQLException {
        Set<String> partitions = new HashSet<>();
        try (PreparedStatement statement = connection.prepareStatement(PARTITIONS)) {
            statement.setArray(1, connection.createArrayOf("text", schemas.toArray()));
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    partitions.add(Identifiers.qualify(row.getString(1), row.getString(2)));
                }
            }
        }
        return partitions;
    }

    private static String path(Table table) {
        return Identifiers.qualify(table.getSchema().getName(), table.getName());
    }
}
