package io.github.migrationtest.verifier.fix;

import io.github.migrationtest.verifier.snapshot.DatabaseSetting;

/**
 * A database's default for a setting, set and reset on the database the migration runs in: its name differs
 * between a developer's machine, CI and production, so the statement names it with {@code current_database()}.
 */
final class DatabaseSettingSql implements ObjectSql<DatabaseSetting> {

    @Override
    public void create(DatabaseSetting setting, Plan plan) {
        plan.add(Phase.SETUP, onCurrentDatabase("SET %s = %s", setting.name(), setting.valueAsSql()));
    }

    @Override
    public void drop(DatabaseSetting setting, Plan plan) {
        plan.add(Phase.SETUP, onCurrentDatabase("RESET %s", setting.name()));
    }

    @Override
    public void alter(DatabaseSetting from, DatabaseSetting to, Pending changed, Plan plan) {
        if (changed.take("value")) {
            create(to, plan);
        }
    }

    /** {@code ALTER DATABASE <the current one> <action>}, the action's {@code %s} filled with the arguments as written. */
    private static String onCurrentDatabase(String action, String... arguments) {
        StringBuilder format = new StringBuilder("DO $$ BEGIN EXECUTE pg_catalog.format(")
                .append(Sql.literal("ALTER DATABASE %I " + action)).append(", pg_catalog.current_database()");
        for (String argument : arguments) {
            format.append(", ").append(Sql.literal(argument));
        }
        return format.append("); END $$").toString();
    }
}
