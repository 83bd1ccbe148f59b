package io.github.migrationtest.verifier.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.migrationtest.verifier.lint.SchemaLint;
import io.github.migrationtest.verifier.postgres.DisposableDatabase;
import io.github.migrationtest.verifier.postgres.PostgresServer;
import io.github.migrationtest.verifier.safety.Finding;
import io.github.migrationtest.verifier.safety.SafetyFinding;
import io.github.migrationtest.verifier.snapshot.Identifiers;
import io.github.migrationtest.verifier.snapshot.Schema;
import io.github.migrationtest.verifier.snapshot.SnapshotOptions;
import io.github.migrationtest.verifier.snapshot.SnapshotReader;
import io.github.migrationtest.verifier.source.MigrationFailedException;
import io.github.migrationtest.verifier.source.MigrationSource;
import io.github.migrationtest.verifier.source.MigrationSources;
import io.github.migrationtest.verifier.source.Revision;
import io.github.migrationtest.verifier.source.SourceOptions;
import io.github.migrationtest.verifier.source.script.ScriptFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The schema lint on the head of each SQL and Liquibase history of the corpus, checked against the
 * catalog itself: every finding is one that a pg_catalog query independent of SchemaCrawler finds, and
 * none is missing; applying the fix SQL a finding gives clears it. The findings are written to
 * {@code target/corpus/lint.md} (CORPUS.md quotes it).
 */
class LintCorpusTest {

    /** The foreign keys whose columns, in order, no index of their table starts with. */
    private static final String FOREIGN_KEYS_WITHOUT_INDEX = """
            select n.nspname, t.relname from pg_constraint c join pg_class t on t.oid = c.conrelid
            join pg_namespace n on n.oid = t.relnamespace
            where c.contype = 'f' and n.nspname = any (?) and not t.relispartition
            and not exists (select 1 from pg_index i where i.indrelid = c.conrelid
                and (string_to_array(i.indkey::text, ' ')::int2[])[1:cardinality(c.conkey)] = c.conkey)""";

    /** SchemaCrawler's rule: plain tables (not partitioned ones) with a column outside every foreign key. */
    private static final String TABLES_WITHOUT_PRIMARY_KEY = """
            select n.nspname, t.relname from pg_class t join pg_namespace n on n.oid = t.relnamespace
            where t.relkind = 'r' and not t.relispartition and n.nspname = any (?)
            and not exists (select 1 from pg_constraint c where c.conrelid = t.oid and c.contype = 'p')
            and exists (select 1 from pg_attribute a where a.attrelid = t.oid and a.attnum > 0 and not a.attisdropped
                and not exists (select 1 from pg_constraint f where f.conrelid = t.oid and f.contype = 'f'
                    and a.attnum = any (f.conkey)))""";

    /**
     * A plain, non-unique index without INCLUDE columns whose key columns and operator classes lead another
     * plain index of the same method: longer, or unique, or (when equal) older.
     */
    private static final String REDUNDANT_INDEXES = """
            select n.nspname, t.relname
            from pg_index a join pg_class ac on ac.oid = a.indexrelid join pg_class t on t.oid = a.indrelid
            join pg_namespace n on n.oid = t.relnamespace
            where n.nspname = any (?) and t.relkind = 'r' and not t.relispartition and not a.indisunique
              and a.indpred is null
              and a.indexprs is null and a.indnatts = a.indnkeyatts
              and exists (select 1 from pg_index b join pg_class bc on bc.oid = b.indexrelid
                  where b.indrelid = a.indrelid and b.indexrelid <> a.indexrelid and bc.relam = ac.relam
                  and b.indpred is null and b.indexprs is null and b.indnkeyatts >= a.indnkeyatts
                  and (b.indnkeyatts > a.indnkeyatts or b.indisunique or b.indexrelid < a.indexrelid)
                  and (select bool_and(b.indkey[k] = a.indkey[k] and b.indclass[k] = a.indclass[k])
                       from generate_series(0, a.indnkeyatts - 1) k))""";

    private static PostgresServer server;
    private static final Map<String, String> ROWS = new TreeMap<>();

    @TempDir
    Path temp;

    @BeforeAll
    static void startPostgres() {
        server = LocalPostgres.start();
    }

    @AfterAll
    static void writeTable() throws IOException {
        if (server != null) {
            server.close();
        }
        if (ROWS.isEmpty()) {
            return;
        }
        Path out = Path.of("target", "corpus", "lint.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, "| history | revisions reached | LINT_FK_WITHOUT_INDEX | LINT_TABLE_WITHOUT_PRIMARY_KEY"
                + " | LINT_REDUNDANT_INDEX | lint ms |\n|---|---|---|---|---|---|\n" + String.join("", ROWS.values()));
    }

    static List<CorpusHistory> histories() {
        String only = System.getProperty(CorpusAgreementTest.ONLY, "");
        return CorpusHistory.all().stream().filter(h -> !h.isAlembic())
                .filter(h -> only.isBlank() || List.of(only.split(",")).contains(h.name())).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("histories")
    void every_finding_is_in_the_catalog_and_its_fix_clears_it(CorpusHistory history) throws IOException, SQLException {
        Path location = Corpus.path(history.name(), history.location());
        try (MigrationSource source = MigrationSources.open(location, SourceOptions.defaults());
             DisposableDatabase database = server.createDatabase()) {
            source.usePassword(database.password());
            int reached = upgradeToHead(source, database, history);
            try (Connection connection = database.connect()) {
                Set<String> schemas = SnapshotReader.read(connection).objects(Schema.class).stream().map(Schema::name)
                        .collect(Collectors.toSet());
                Set<String> excluded = new HashSet<>(SnapshotOptions.BOOKKEEPING_TABLES);
                excluded.addAll(source.bookkeepingTables());
                long started = System.nanoTime();
                SchemaLint.Result lint = SchemaLint.run(connection, schemas, excluded);
                long millis = (System.nanoTime() - started) / 1_000_000;
                assertThat(lint.skipped()).isEmpty();

                Map<Finding, List<String>> found = byKind(lint.findings());
                ROWS.put(history.name(), "| " + history.name() + " | " + reached + " of " + source.revisions().size()
                        + " | " + found.get(Finding.LINT_FK_WITHOUT_INDEX).size()
                        + " | " + found.get(Finding.LINT_TABLE_WITHOUT_PRIMARY_KEY).size()
                        + " | " + found.get(Finding.LINT_REDUNDANT_INDEX).size() + " | " + millis + " |\n");

                assertThat(found.get(Finding.LINT_FK_WITHOUT_INDEX)).as("foreign keys without an index")
                        .containsExactlyInAnyOrderElementsOf(query(connection, FOREIGN_KEYS_WITHOUT_INDEX, schemas, excluded));
                assertThat(found.get(Finding.LINT_TABLE_WITHOUT_PRIMARY_KEY)).as("tables without a primary key")
                        .containsExactlyInAnyOrderElementsOf(query(connection, TABLES_WITHOUT_PRIMARY_KEY, schemas, excluded));
                assertThat(found.get(Finding.LINT_REDUNDANT_INDEX)).as("redundant indexes")
                        .containsExactlyInAnyOrderElementsOf(query(connection, REDUNDANT_INDEXES, schemas, excluded));

                applyFixes(connection, lint.findings());
                assertThat(SchemaLint.run(connection, schemas, excluded).findings()).as("after the fixes")
                        .allMatch(f -> f.finding() == Finding.LINT_TABLE_WITHOUT_PRIMARY_KEY);
            }
        }
    }

    private int upgradeToHead(MigrationSource source, DisposableDatabase database, CorpusHistory history)
            throws IOException, SQLException {
        if (!history.prelude().isEmpty()) {
            Path prelude = Files.writeString(temp.resolve("prelude.sql"), history.prelude());
            try (Connection connection = database.connect()) {
                ScriptFiles.runInitScripts(List.of(prelude), connection);
            }
        }
        int reached = 0;
        for (Revision revision : source.revisions()) {
            try (Connection connection = database.connect()) {
                source.upgrade(revision, connection);
                reached++;
            } catch (MigrationFailedException e) {
                assertThat(history.unavailable()).as(e.getMessage()).isNotEmpty();
                break;
            }
        }
        return reached;
    }

    /** Per kind, the table each finding names; every kind present. */
    private static Map<Finding, List<String>> byKind(List<SafetyFinding> findings) {
        Map<Finding, List<String>> byKind = new TreeMap<>();
        for (Finding kind : List.of(Finding.LINT_FK_WITHOUT_INDEX, Finding.LINT_TABLE_WITHOUT_PRIMARY_KEY,
                Finding.LINT_REDUNDANT_INDEX)) {
            byKind.put(kind, findings.stream().filter(f -> f.finding() == kind).map(SafetyFinding::object).toList());
        }
        return byKind;
    }

    private static List<String> query(Connection connection, String sql, Set<String> schemas, Set<String> excluded)
            throws SQLException {
        List<String> tables = new java.util.ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setArray(1, connection.createArrayOf("text", schemas.toArray()));
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    if (!excluded.contains(row.getString(2)) && !excluded.contains(row.getString(1) + "." + row.getString(2))) {
                        tables.add(Identifiers.qualify(row.getString(1), row.getString(2)));
                    }
                }
            }
        }
        return tables;
    }

    /** Runs the SQL after "fix: " of each finding that gives one. */
    private static void applyFixes(Connection connection, List<SafetyFinding> findings) throws SQLException {
        Set<String> fixes = new TreeSet<>();
        findings.stream().map(SafetyFinding::detail).filter(d -> d.contains("; fix: "))
                .forEach(d -> fixes.add(d.substring(d.indexOf("; fix: ") + "; fix: ".length())));
        try (Statement statement = connection.createStatement()) {
            for (String fix : fixes) {
                statement.execute(fix);
            }
        }
    }
}
