package io.github.migrationtest.verifier.live;

import java.util.List;
import java.util.Set;

/**
 * A migration tool's own table of applied versions, by the name and shape the tool gives it. Each
 * tool records differently: golang-migrate keeps one row (the current version, and whether it failed
 * half way), goose a log of applies and undos, Alembic the current revision, the others a row per
 * applied version.
 */
public enum ToolTable {
    FLYWAY("Flyway", List.of("flyway_schema_history", "schema_version")),
    LIQUIBASE("Liquibase", List.of("databasechangelog")),
    GOLANG_MIGRATE("golang-migrate", List.of("schema_migrations")),
    DBMATE("dbmate", List.of("schema_migrations")),
    SQLX("sqlx", List.of("_sqlx_migrations")),
    DIESEL("diesel", List.of("__diesel_schema_migrations")),
    GOOSE("goose", List.of("goose_db_version")),
    ALEMBIC("Alembic", List.of("alembic_version")),
    POPX("popx", List.of("schema_migration"));

    private final String tool;
    private final List<String> names;

    ToolTable(String tool, List<String> names) {
        this.tool = tool;
        this.names = names;
    }

    /** The tool, as people name it. */
    public String tool() {
        return tool;
    }

    /**
     * Whether a table with these columns has this tool's shape: how a table under a name of the user's
     * choosing (golang-migrate's {@code x-migrations-table}, Flyway's {@code table}) is told apart.
     */
    boolean fits(Set<String> columns) {
        return switch (this) {
            case FLYWAY -> columns.containsAll(Set.of("installed_rank", "version", "type", "success"));
            case LIQUIBASE -> columns.containsAll(Set.of("id", "author", "filename", "orderexecuted", "exectype", "tag"));
            case GOLANG_MIGRATE -> columns.containsAll(Set.of("version", "dirty"));
            case DBMATE -> columns.equals(Set.of("version"));
            case SQLX -> columns.containsAll(Set.of("version", "success", "checksum"));
            case DIESEL -> columns.containsAll(Set.of("version", "run_on"));
            case GOOSE -> columns.containsAll(Set.of("version_id", "is_applied", "id"));
            case ALEMBIC -> columns.contains("version_num");
            case POPX -> columns.containsAll(Set.of("version", "version_self"));
        };
    }

    /** The table's default names, newest first. */
    List<String> names() {
        return names;
    }

    /**
     * The query that reads the applied versions, in the order they were applied; see
     * {@link AppliedVersionsReader} for what each column means.
     */
    String query(String table) {
        return switch (this) {
            case FLYWAY -> "select version, type, success from " + table + " order by installed_rank";
            case LIQUIBASE -> "select id, author, filename, tag, exectype from " + table + " order by orderexecuted";
            case GOLANG_MIGRATE -> "select version::text, dirty from " + table;
            case DBMATE, DIESEL, POPX -> "select version::text from " + table + " order by version";
            case SQLX -> "select version::text, success from " + table + " order by version";
            case GOOSE -> "select version_id::text, is_applied from " + table + " order by id";
            case ALEMBIC -> "select version_num from " + table + " order by version_num";
        };
    }
}
