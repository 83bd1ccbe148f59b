package io.github.migrationtest.verifier.source.liquibase;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import liquibase.change.Change;
import liquibase.change.core.CreateTableChange;
import liquibase.change.core.DropDefaultValueChange;
import liquibase.changelog.ChangeSet;

/** What to write in a changeset Liquibase cannot roll back, in the changelog's own format. */
final class RollbackHints {

    private RollbackHints() {
    }

    /**
     * The rollback to add. A changeset that only creates tables and drops defaults on them (JHipster writes one for
     * every entity with a date column) is undone by dropping the tables: that is said with the element to write. A
     * plain SQL changelog ({@code file}, as shown) has no rollback until it is formatted SQL.
     */
    static String howToAdd(ChangeSet changeSet, String file) {
        if (PlainSqlChangelog.is(changeSet)) {
            return PlainSqlChangelog.why(file) + ", which has no rollback: " + PlainSqlChangelog.fix(file)
                    + ", then add '--rollback <sql>' lines after the changeset's SQL";
        }
        List<String> created = createdTablesOnly(changeSet);
        if (created.isEmpty()) {
            return howToAdd(ChangelogReader.physicalPath(changeSet));
        }
        String name = ChangelogReader.physicalPath(changeSet).toLowerCase(Locale.ROOT);
        String drops = name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json")
                ? "rollback: [" + String.join(", ", created.stream().map(t -> "{dropTable: {tableName: " + t + "}}").toList())
                        + "]"
                : "<rollback>" + String.join("", created.stream().map(t -> "<dropTable tableName=\"" + t + "\"/>").toList())
                        + "</rollback>";
        return "add " + drops + ": its dropDefaultValue only takes away a default the table was just created with,"
                + " which Liquibase cannot invert, and dropping the table undoes both";
    }

    /** How to write a rollback in the changelog's own format. */
    static String howToAdd(String filePath) {
        String name = filePath.toLowerCase(Locale.ROOT);
        if (name.endsWith(".sql")) {
            return "add '--rollback <sql>' lines after the changeset's SQL ('--rollback empty' when there is nothing to undo)";
        }
        if (name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json")) {
            return "add a 'rollback:' entry to the changeSet (with the changes or sql that undo it, or 'empty')";
        }
        return "add a <rollback> element to the changeSet (with the changes or <sql> that undo it; <rollback/> when there is nothing to undo)";
    }

    /**
     * The tables, last created first, when every change creates a table or drops a default on one created here;
     * otherwise none.
     */
    private static List<String> createdTablesOnly(ChangeSet changeSet) {
        List<CreateTableChange> created = new ArrayList<>();
        boolean dropsDefault = false;
        for (Change change : changeSet.getChanges()) {
            if (change instanceof CreateTableChange table) {
                created.add(0, table);
            } else if (change instanceof DropDefaultValueChange drop && created.stream().anyMatch(table ->
                    table.getTableName().equalsIgnoreCase(drop.getTableName())
                            && Objects.equals(table.getSchemaName(), drop.getSchemaName()))) {
                dropsDefault = true;
            } else {
                return List.of();
            }
        }
        return dropsDefault ? created.stream().map(CreateTableChange::getTableName).toList() : List.of();
    }
}
