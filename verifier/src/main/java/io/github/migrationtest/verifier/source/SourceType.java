package io.github.migrationtest.verifier.source;

/** The kind of migration history a location holds. */
public enum SourceType {
    /** Plain SQL files in up/down pairs (golang-migrate, sqlx, diesel, dbmate, Flyway naming). */
    SQL,
    /** A Flyway project, upgraded through the Flyway API. */
    FLYWAY,
    /** A Liquibase changelog (XML, YAML, JSON or formatted SQL). */
    LIQUIBASE,
    /** An Alembic project (Python revisions, {@code alembic.ini}), run in the user's own Python. */
    ALEMBIC;

    /** Parses {@code sql}, {@code flyway}, {@code liquibase} or {@code alembic}, ignoring case. */
    public static SourceType parse(String value) {
        for (SourceType type : values()) {
            if (type.name().equalsIgnoreCase(value.trim())) {
                return type;
            }
        }
        throw new IllegalArgumentException(
                "Unknown migration source type '" + value + "': use sql, flyway, liquibase or alembic");
    }
}
