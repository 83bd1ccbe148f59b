package io.github.migrationtest.verifier.source.sql;

/** A way of naming SQL migration files, and how a user would write one. */
public enum Convention {
    GOLANG_MIGRATE("golang-migrate/sqlx", "<version>_<name>.up.sql with <version>_<name>.down.sql"),
    DIESEL("diesel", "<version>_<name>/up.sql with <version>_<name>/down.sql"),
    DBMATE("dbmate", "<version>_<name>.sql with '-- migrate:up' and '-- migrate:down' sections"),
    FLYWAY("Flyway", "V<version>__<name>.sql with U<version>__<name>.sql"),
    PATTERN("the given pattern", "names that match the given pattern");

    private final String label;
    private final String example;

    Convention(String label, String example) {
        this.label = label;
        this.example = example;
    }

    public String label() {
        return label;
    }

    /** How files of this convention are named, for fixes in messages. */
    public String example() {
        return example;
    }
}
