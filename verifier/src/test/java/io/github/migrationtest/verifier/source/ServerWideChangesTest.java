package io.github.migrationtest.verifier.source;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Statements that change what all databases of a server share, found where they are written. */
class ServerWideChangesTest {

    @Test
    void roles_tablespaces_and_databases_are_found_with_file_and_line_also_inside_a_do_block() {
        String script = "CREATE TABLE a (id int);\n\nDO $$ BEGIN\n  create role app;\nEND $$;";
        assertThat(ServerWideChanges.in("V2__roles.sql", script, 0, script.length())).contains("V2__roles.sql:4: CREATE ROLE");
        assertThat(ServerWideChanges.in("DROP  USER\nold_app")).contains("DROP USER");
        assertThat(ServerWideChanges.in("ALTER GROUP staff ADD USER ann")).contains("ALTER GROUP");
        assertThat(ServerWideChanges.in("CREATE TABLESPACE fast LOCATION '/ssd'")).contains("CREATE TABLESPACE");
        assertThat(ServerWideChanges.in("ALTER DATABASE app SET timezone = 'UTC'")).contains("ALTER DATABASE");
    }

    @Test
    void what_a_database_keeps_for_itself_is_not_a_server_wide_change() {
        assertThat(ServerWideChanges.in("CREATE USER MAPPING FOR app SERVER remote OPTIONS (user 'x')")).isEmpty();
        assertThat(ServerWideChanges.in("GRANT SELECT ON t TO app_role; CREATE TABLE roles (id int); DROP TABLE user_roles;"))
                .isEmpty();
        assertThat(ServerWideChanges.in("CREATE INDEX database_idx ON t (database)")).isEmpty();
    }

    @Test
    void a_section_is_searched_alone_and_its_line_counted_in_the_whole_file() {
        String dbmate = "-- migrate:up\nCREATE TABLE a (id int);\n-- migrate:down\nDROP ROLE app;\n";
        int down = dbmate.indexOf("-- migrate:down");
        assertThat(ServerWideChanges.in("x.sql", dbmate, 0, down)).isEmpty();
        assertThat(ServerWideChanges.in("x.sql", dbmate, down, dbmate.length())).contains("x.sql:4: DROP ROLE");
    }
}
