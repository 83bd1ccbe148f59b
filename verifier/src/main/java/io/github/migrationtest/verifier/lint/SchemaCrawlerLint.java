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
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
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
import schemacrawler.schema.Table;
import schemacrawler.schemacrawler.InfoLevel;
import schemacrawler.schemacrawler.InformationSchemaKey;
import schemacrawler.schemacrawler.InformationSchemaViews;
import schemacrawler.schemacrawler.InformationSchemaViewsBuilder;
import schemacrawler.schemacrawler.MetadataRetrievalStrategy;
import schemacrawler.schemacrawler.SchemaInfoLevelBuilder;
import schemacrawler.schemacrawler.SchemaInfoMetadataRetrievalStrategy;
import schemacrawler.schemacrawler.SchemaRetrievalOptions;
import schemacrawler.schemacrawler.SchemaRetrievalOptionsBuilder;
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
import us.fatehi.utility.datasource.DatabaseConnectionSource;
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

    /**
     * The indexes Postgres can do without, each with one index that covers it: SchemaCrawler's rule (its columns
     * lead another index's) sees neither uniqueness, predicates, expressions, operator classes nor INCLUDE
     * columns, so each of its redundant indexes is confirmed here. A unique index enforces something, a partial
     * one covers other rows; of two equal plain indexes the older one stays. Of several covering ones, the first by
     * name is named, so that two runs (whose catalogs may list them in another order) say the same.
     */
    private static final String REDUNDANT_INDEXES = """
            with ix as (
                select i.indexrelid, i.indrelid, i.indisunique, c.relam, c.relnamespace, c.relname,
                       i.indpred is null and i.indexprs is null as plain, i.indnatts > i.indnkeyatts as includes,
                       (string_to_array(i.indkey::text, ' ')::int2[])[1:i.indnkeyatts] as keys,
                       (string_to_array(i.indclass::text, ' ')::oid[])[1:i.indnkeyatts] as classes
                from pg_index i join pg_class c on c.oid = i.indexrelid)
            select distinct on (a.indexrelid) n.nspname, a.relname, b.relname
            from ix a join ix b on b.indrelid = a.indrelid and b.indexrelid <> a.indexrelid
            join pg_namespace n on n.oid = a.relnamespace
            where n.nspname = any (?) and not a.indisunique and not a.includes and a.plain and b.plain
              and a.relam = b.relam
              and b.keys[1:cardinality(a.keys)] = a.keys and b.classes[1:cardinality(a.classes)] = a.classes
              and (cardinality(b.keys) > cardinality(a.keys) or b.indisunique or b.indexrelid < a.indexrelid)
            order by a.indexrelid, b.indisunique desc, cardinality(b.keys), b.relname""";

    private SchemaCrawlerLint() {
    }

    static List<SafetyFinding> lint(Connection connection, Set<String> schemas, Set<String> excludedTables)
            throws SQLException {
        if (schemas.isEmpty()) {
            return List.of();
        }
        QUIET.forEach(logger -> logger.setLevel(java.util.logging.Level.WARNING));
        DatabaseConnectionSource source = DatabaseConnectionSources.fromConnection(connection);
        Catalog catalog = SchemaCrawlerUtility.getCatalog(source, retrieval(source, schemas), options(schemas),
                new Config());
        Linters linters = new Linters(configs(), false);
        linters.initialize(LinterRegistry.getLinterRegistry());
        linters.lint(catalog, connection);
        Set<String> partitions = partitions(connection, schemas);
        Map<String, String> redundant = redundantIndexes(connection, schemas);
        List<SafetyFinding> found = new ArrayList<>();
        List<Table> tables = catalog.getTables().stream()
                .filter(t -> schemas.contains(t.getSchema().getName()))
                .filter(t -> !excluded(t, excludedTables) && !partitions.contains(path(t)))
                .sorted(Comparator.comparing(SchemaCrawlerLint::path)).toList();
        for (Table table : tables) {
            Map<String, String> proposers = proposers(linters.getLints().getLints(table));
            for (Lint<?> lint : linters.getLints().getLints(table)) {
                Finding finding = LINTERS.get(lint.getLinterId());
                if (finding == Finding.LINT_REDUNDANT_INDEX) {
                    redundant(table, lint.getValue(), redundant).ifPresent(found::add);
                } else if (finding != null) {
                    found.add(finding(finding, table, lint.getValue(), proposers));
                }
            }
        }
        return found;
    }

    /**
     * For each list of columns that foreign keys without an index share, the key (first by name) whose finding proposes
     * the index: one index serves them all, and a fix on each key's finding made a team create the same index once per
     * key (condominiospostgreedb's telefono: three keys over telefono_entidad_id, three CREATE INDEX of it).
     */
    private static Map<String, String> proposers(Collection<Lint<?>> lints) {
        Map<String, String> proposers = new HashMap<>();
        for (Lint<?> lint : lints) {
            if (LINTERS.get(lint.getLinterId()) == Finding.LINT_FK_WITHOUT_INDEX && lint.getValue() instanceof ForeignKey key) {
                proposers.merge(columns(key), key.getName(), (a, b) -> a.compareTo(b) <= 0 ? a : b);
            }
        }
        return proposers;
    }

    /** The Postgres plugin's way of reading, with columns, keys and indexes read in one query each (CatalogQueries). */
    private static SchemaRetrievalOptions retrieval(DatabaseConnectionSource source, Set<String> schemas) {
        SchemaRetrievalOptions matched = SchemaCrawlerUtility.matchSchemaRetrievalOptions(source);
        InformationSchemaViews views = InformationSchemaViewsBuilder.builder(matched.getInformationSchemaViews())
                .withSql(InformationSchemaKey.TABLE_COLUMNS, CatalogQueries.tableColumns(schemas))
                .withSql(InformationSchemaKey.PRIMARY_KEYS, CatalogQueries.primaryKeys(schemas))
                .withSql(InformationSchemaKey.INDEXES, CatalogQueries.indexes(schemas))
                .withSql(InformationSchemaKey.FOREIGN_KEYS, CatalogQueries.foreignKeys(schemas)).toOptions();
        return SchemaRetrievalOptionsBuilder.builder(matched).withInformationSchemaViews(views)
                .with(SchemaInfoMetadataRetrievalStrategy.tableColumnsRetrievalStrategy, MetadataRetrievalStrategy.data_dictionary_all)
                .with(SchemaInfoMetadataRetrievalStrategy.primaryKeysRetrievalStrategy, MetadataRetrievalStrategy.data_dictionary_all)
                .with(SchemaInfoMetadataRetrievalStrategy.indexesRetrievalStrategy, MetadataRetrievalStrategy.data_dictionary_all)
                .with(SchemaInfoMetadataRetrievalStrategy.foreignKeysRetrievalStrategy, MetadataRetrievalStrategy.data_dictionary_all)
                .toOptions();
    }

    private static SchemaCrawlerOptions options(Set<String> schemas) {
        // Postgres names a schema without a catalog; the pattern also takes a quoted or catalog-qualified name.
        String names = schemas.stream().map(Pattern::quote).collect(Collectors.joining("|"));
        return SchemaCrawlerOptionsBuilder.newSchemaCrawlerOptions()
                .withLimitOptions(LimitOptionsBuilder.builder()
                        .includeSchemas(Pattern.compile("(?:.*\\.)?\"?(?:" + names + ")\"?"))
                        .tableTypes("TABLE", "PARTITIONED TABLE").toOptions())
                // What the three linters read, and nothing else: no routines, triggers, views or privileges, and no
                // data types (the driver's list of every type in the database; a column keeps its type's name).
                // Without them the lint took 0.7-0.95x as long on six corpus histories, with the same findings.
                .withLoadOptions(LoadOptionsBuilder.builder().withMaxThreads(1).withSchemaInfoLevel(
                        SchemaInfoLevelBuilder.builder().withInfoLevel(InfoLevel.minimum).setRetrieveTables(true)
                                .setRetrieveTableColumns(true).setRetrieveColumnDataTypes(false)
                                .setRetrievePrimaryKeys(true).setRetrieveIndexes(true).setRetrieveForeignKeys(true)
                                .toOptions()).toOptions());
    }

    private static LinterConfigs configs() {
        LinterConfigs configs = new LinterConfigs(new Config());
        for (String id : LINTERS.keySet()) {
            configs.add(new LinterConfig(id, true, LintSeverity.medium, Integer.MAX_VALUE, ".*", "", ".*", "",
                    new LinkedHashMap<>()));
        }
        return configs;
    }

    private static SafetyFinding finding(Finding finding, Table table, Object value, Map<String, String> proposers) {
        String detail = finding == Finding.LINT_FK_WITHOUT_INDEX && value instanceof ForeignKey key
                ? foreignKey(table, key, proposers.getOrDefault(columns(key), key.getName())) : "no primary key";
        return new SafetyFinding(finding, Direction.UP, "", 0, path(table), detail, Evidence.LINT, "");
    }

    /** The finding for a redundant index SchemaCrawler proposes, when the catalog confirms it. */
    private static java.util.Optional<SafetyFinding> redundant(Table table, Object value, Map<String, String> confirmed) {
        if (!(value instanceof Index index)) {
            return java.util.Optional.empty();
        }
        String covered = Identifiers.qualify(table.getSchema().getName(), index.getName());
        String coveringName = confirmed.get(covered);
        if (coveringName == null) {
            return java.util.Optional.empty();
        }
        String quoted = Identifiers.quote(coveringName);
        String covering = table.getIndexes().stream().filter(other -> other.getName().equals(coveringName))
                .map(other -> quoted + " (" + columns(other) + ")").findFirst().orElse(quoted);
        return java.util.Optional.of(new SafetyFinding(Finding.LINT_REDUNDANT_INDEX, Direction.UP, "", 0, path(table),
                "index " + covered + " (" + columns(index) + ") is covered by " + covering
                        + "; fix: DROP INDEX CONCURRENTLY " + covered + ";", Evidence.LINT, ""));
    }

    private static String foreignKey(Table table, ForeignKey key, String proposer) {
        String columns = columns(key);
        String target = key.getColumnReferences().stream().findFirst().map(ColumnReference::getPrimaryKeyColumn)
                .map(c -> path(c.getParent())).orElse("?");
        return "foreign key " + Identifiers.quote(key.getName()) + " (" + columns + ") to " + target + " has no index that starts with"
                + " its columns; " + (proposer.equals(key.getName())
                        ? "fix: CREATE INDEX CONCURRENTLY ON " + path(table) + " (" + columns + ");"
                        // No "fix: " of its own: what follows one is SQL to run (LintCorpusTest runs it), and this is not.
                        : "the index proposed for foreign key " + Identifiers.quote(proposer) + " (" + columns + ") serves it too");
    }

    private static String columns(ForeignKey key) {
        return key.getColumnReferences().stream().map(r -> Identifiers.quote(r.getForeignKeyColumn().getName()))
                .collect(Collectors.joining(", "));
    }

    private static String columns(Index index) {
        return index.getColumns().stream().map(c -> Identifiers.quote(c.getName())).collect(Collectors.joining(", "));
    }

    private static boolean excluded(Table table, Set<String> excludedTables) {
        return excludedTables.contains(table.getName())
                || excludedTables.contains(table.getSchema().getName() + "." + table.getName());
    }

    private static Set<String> partitions(Connection connection, Set<String> schemas) throws SQLException {
        return new HashSet<>(pairs(connection, PARTITIONS, schemas).keySet());
    }

    /** Redundant index to the index that covers it, both qualified as {@code schema.index} / a bare name. */
    private static Map<String, String> redundantIndexes(Connection connection, Set<String> schemas) throws SQLException {
        return pairs(connection, REDUNDANT_INDEXES, schemas);
    }

    /** Rows of (schema, name[, other]) as qualified name to the other column's value (empty when none). */
    private static Map<String, String> pairs(Connection connection, String sql, Set<String> schemas) throws SQLException {
        Map<String, String> pairs = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setArray(1, connection.createArrayOf("text", schemas.toArray()));
            try (ResultSet row = statement.executeQuery()) {
                int columns = row.getMetaData().getColumnCount();
                while (row.next()) {
                    pairs.put(Identifiers.qualify(row.getString(1), row.getString(2)), columns > 2 ? row.getString(3) : "");
                }
            }
        }
        return pairs;
    }

    private static String path(Table table) {
        return Identifiers.qualify(table.getSchema().getName(), table.getName());
    }
}
