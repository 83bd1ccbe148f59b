package io.github.migrationtest.verifier.protect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.migrationtest.verifier.postgres.DisposableDatabase;
import io.github.migrationtest.verifier.postgres.PostgresServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Installing the guard where it cannot be: a clear error, and nothing left behind. */
class ProtectionGuardTest {

    private final PostgresServer server = PostgresServer.shared();

    @Test
    void a_user_who_may_not_create_event_triggers_is_told_so_and_the_database_is_left_as_it_was() throws SQLException {
        String role = "migrationtest_protect_test_" + ProcessHandle.current().pid();
        try (DisposableDatabase database = server.createDatabase(); Connection connection = database.connect();
             Statement statement = connection.createStatement()) {
            statement.execute("create schema legacy; create table legacy.customers (id int)");
            statement.execute("create role " + role + " nosuperuser");
            try {
                statement.execute("do $$ begin execute format('grant create on database %I to " + role
                        + "', current_database()); end $$; grant usage on schema legacy to " + role
                        + "; set role " + role);

                assertThatThrownBy(() -> ProtectionGuard.install(connection, ProtectedSchemas.parse(List.of("legacy"))))
                        .isInstanceOf(SQLException.class)
                        .hasMessageStartingWith("--protect needs event triggers and triggers in the database it verifies"
                                + " in, which only a superuser may create (")
                        .hasMessageEndingWith("). Fix: connect as a superuser, or leave --protect out");
                statement.execute("reset role");
                try (ResultSet row = statement.executeQuery("select to_regnamespace('migrationtest_protect') is null"
                        + " and not exists (select 1 from pg_trigger where tgrelid = 'legacy.customers'::regclass)")) {
                    row.next();
                    assertThat(row.getBoolean(1)).as("nothing of the guard left behind").isTrue();
                }
            } finally {
                statement.execute("reset role");
                statement.execute("do $$ begin execute format('revoke create on database %I from " + role
                        + "', current_database()); end $$; revoke usage on schema legacy from " + role
                        + "; drop role " + role);
            }
        }
    }
}
