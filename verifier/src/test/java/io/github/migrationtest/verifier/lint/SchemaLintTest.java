package io.github.migrationtest.verifier.lint;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.migrationtest.verifier.postgres.DisposableDatabase;
import io.github.migrationtest.verifier.postgres.PostgresServer;
import io.github.migrationtest.verifier.safety.SafetyFinding;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The adapter on a real database: each linter's finding on its bad schema, none on the fixed twin. */
class SchemaLintTest {

    static final String BAD = """
            create table users (id bigint primary key, email text);
            create table orders (id bigint primary key, user_id bigint references users (id), note text);
            create table audit (at timestamptz, what text);
            create index orders_note on orders (note);
            create index orders_note_id on orders (note, id);
            """;

    static final String FIXED = """
            create table users (id bigint primary key, email text);
            create table orders (id bigint primary key, user_id bigint references users (id), note text);
            create index orders_user_id on orders (user_id);
            create table audit (id bigint generated always as identity primary key, at timestamptz, what text);
            create index orders_note_id on orders (note, id);
            """;

    private static List<String> lint(String sql) throws SQLException {
        try (DisposableDatabase database = PostgresServer.shared().createDatabase();
             Connection connection = database.connect()) {
            try (Statement statement = connection.createStatement()) {
                statement.execute(sql);
            }
            SchemaLint.Result result = SchemaLint.run(connection, Set.of("public"), Set.of());
            assertThat(result.skipped()).isEmpty();
            return result.findings().stream().map(f -> f.finding() + " " + f.object() + ": " + f.detail()).toList();
        }
    }

    @Test
    void explore() throws SQLException {
        System.out.println(String.join("\n", lint(BAD)));
        System.out.println("----");
        System.out.println(String.join("\n", lint(FIXED)));
    }
}
