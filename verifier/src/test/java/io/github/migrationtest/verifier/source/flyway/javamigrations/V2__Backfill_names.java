package io.github.migrationtest.verifier.source.flyway.javamigrations;

import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/** A Java migration, which only Flyway can run: proves upgrades go through Flyway. */
public class V2__Backfill_names extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        try (Statement statement = context.getConnection().createStatement()) {
            statement.execute("alter table people add column display_name text");
            statement.execute("update people set display_name = upper(name)");
        }
    }
}
