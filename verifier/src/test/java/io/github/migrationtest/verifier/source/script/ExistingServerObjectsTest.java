package io.github.migrationtest.verifier.source.script;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which statements of an init script may find their object made already: creations of roles and tablespaces only. */
class ExistingServerObjectsTest {

    private static SqlStatement statement(String sql) {
        return SqlScript.parse("init.sql", sql).statements().get(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"CREATE ROLE app_user", "create   user app_login LOGIN PASSWORD 'x'",
            "/* the readers */ CREATE GROUP readers", "CREATE TABLESPACE fast LOCATION '/mnt/fast'",
            "CREATE ROLE \"App User\" IN ROLE readers"})
    void a_creation_of_a_role_or_tablespace_may_find_it_there(String sql) {
        assertThat(ExistingServerObjects.creates(statement(sql))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"CREATE USER MAPPING FOR app_user SERVER films", "ALTER ROLE app_user LOGIN",
            "DO $$ BEGIN CREATE ROLE app_user; END $$", "CREATE SCHEMA roles", "CREATE ROLES_TABLE", "DROP ROLE app_user",
            "GRANT app_user TO other"})
    void anything_else_runs_as_written(String sql) {
        assertThat(ExistingServerObjects.creates(statement(sql))).isFalse();
    }
}
