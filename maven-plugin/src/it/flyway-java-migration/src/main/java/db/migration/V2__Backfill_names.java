package db.migration;

import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/** A Java migration: only Flyway, on the project's class path, can run it. */
public class V2__Backfill_names extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        try (Statement statement = context.getConnection().createStatement()) {
            statement.execute("ALTER TABLE people ADD COLUMN display_name text");
            statement.execute("UPDATE people SET display_name = upper(name)");
        }
    }
}
