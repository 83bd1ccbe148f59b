package io.github.migrationtest.verifier.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.migrationtest.verifier.postgres.DisposableDatabase;
import io.github.migrationtest.verifier.postgres.PostgresServer;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What differs between two snapshots, found by one walk in canonical order, equals what maps of both give: over
 * partial reads (which share the untouched objects) and whole ones (which share none), with objects that change
 * place (a column after a dropped one), move (renamed, another schema), appear and go.
 */
class SnapshotChangesTest {

    private static final List<String> STEPS = List.of(
            "CREATE TABLE a (id int PRIMARY KEY, b text, c int, d int CHECK (d > 0))",
            "CREATE TABLE z (id int PRIMARY KEY, a_id int REFERENCES a)",
            "CREATE INDEX a_c ON a (c)",
            "ALTER TABLE a DROP COLUMN b", // the columns after it change place
            "ALTER TABLE a RENAME COLUMN c TO c2",
            "ALTER TABLE a RENAME TO a2", // every path of the table changes, the foreign key's text too
            "CREATE SCHEMA s",
            "ALTER TABLE z SET SCHEMA s",
            "COMMENT ON TABLE a2 IS 'x'",
            "ALTER TABLE a2 ALTER COLUMN d TYPE bigint",
            "CREATE TYPE mood AS ENUM ('a', 'b')",
            "ALTER TYPE mood RENAME VALUE 'a' TO 'c'",
            "DROP TABLE s.z",
            "DROP TYPE mood",
            "DROP TABLE a2");

    @Test
    void equalsTheDifferenceOfBothSnapshotsMaps() throws SQLException {
        try (DisposableDatabase database = PostgresServer.shared().createDatabase();
                Connection connection = database.connect()) {
            IncrementalReader reader = IncrementalReader.start(connection, SnapshotOptions.defaults());
            SchemaSnapshot previous = reader.read(connection);
            int changed = 0;
            for (String sql : STEPS) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute(sql);
                }
                SchemaSnapshot partial = reader.read(connection);
                SchemaSnapshot whole = SnapshotReader.read(connection, SnapshotOptions.defaults());
                assertThat(partial).isEqualTo(whole);
                for (SchemaSnapshot later : List.of(partial, whole)) {
                    SnapshotChanges changes = SnapshotChanges.between(previous, later);
                    assertThat(found(changes)).as(sql).isEqualTo(expected(previous, later));
                    for (String path : paths(previous, later)) {
                        assertThat(changes.inLater(path)).as(sql + ": " + path).isEqualTo(later.objectsByPath().containsKey(path));
                        if (previous.objectsByPath().containsKey(path)) {
                            assertThat(changes.keeps(path)).as(sql + ": " + path).isEqualTo(later.objectsByPath().containsKey(path));
                        }
                    }
                    changed += changes.changes().size();
                }
                previous = partial;
            }
            assertThat(changed).isGreaterThan(30);
        }
    }

    /** The earlier snapshot's objects that are gone or differ in the later one, in its canonical order. */
    private static List<String> expected(SchemaSnapshot before, SchemaSnapshot after) {
        List<String> expected = new ArrayList<>();
        for (Map.Entry<String, SchemaObject> entry : before.objectsByPath().entrySet()) {
            SchemaObject is = after.objectsByPath().get(entry.getKey());
            if (is == null || !is.equals(entry.getValue())) {
                expected.add(entry.getKey() + (is == null ? " gone" : " changed"));
            }
        }
        return expected;
    }

    private static List<String> found(SnapshotChanges changes) {
        return changes.changes().stream().map(c -> c.path() + (c.after() == null ? " gone" : " changed")).toList();
    }

    private static Set<String> paths(SchemaSnapshot before, SchemaSnapshot after) {
        Set<String> paths = new LinkedHashSet<>(before.objectsByPath().keySet());
        paths.addAll(after.objectsByPath().keySet());
        paths.add("public.no_such_table");
        return paths;
    }
}
