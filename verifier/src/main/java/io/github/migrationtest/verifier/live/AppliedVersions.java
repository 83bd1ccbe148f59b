package io.github.migrationtest.verifier.live;

import java.util.List;

/**
 * What a live database's migration tool recorded as applied.
 *
 * @param tool the tool whose table it is
 * @param table the table, qualified: {@code public.flyway_schema_history}
 * @param applied the applied versions, in the order they were applied
 * @param failed versions whose migration failed (half way), as the table says
 * @param notes what else was found: several heads, other tools' tables
 */
public record AppliedVersions(ToolTable tool, String table, List<Applied> applied, List<String> failed,
                              List<String> notes) {

    public AppliedVersions {
        applied = List.copyOf(applied);
        failed = List.copyOf(failed);
        notes = List.copyOf(notes);
    }

    /** {@code public.schema_migrations (golang-migrate)}. */
    public String describe() {
        return table + " (" + tool.tool() + ")";
    }

    /**
     * One applied version.
     *
     * @param version as the table has it, for messages
     * @param names the names a revision of the history may have for it (a Liquibase changeset's id,
     *     {@code author:id}, its tag)
     * @param upTo whether it stands for every revision up to it as well (golang-migrate's and Alembic's
     *     one row, Flyway's baseline)
     */
    public record Applied(String version, List<String> names, boolean upTo) {

        public Applied {
            names = List.copyOf(names);
        }

        static Applied one(String version) {
            return new Applied(version, List.of(version), false);
        }

        static Applied upTo(String version) {
            return new Applied(version, List.of(version), true);
        }
    }
}
