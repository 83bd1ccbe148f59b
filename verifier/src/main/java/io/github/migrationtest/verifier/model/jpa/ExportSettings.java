package io.github.migrationtest.verifier.model.jpa;

import java.util.HashMap;
import java.util.Map;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.tool.schema.Action;

/** The Hibernate settings of an export into a scratch database; they override the application's own. */
final class ExportSettings {
    private ExportSettings() {
    }

    /**
     * Create (nothing to drop in a fresh database), in the database only (no script files), stop at
     * the first failing statement (Hibernate's default only logs it, which would leave a partial
     * schema to compare), create the schemas entities name, and leave out the implicit
     * {@code /import.sql}, which holds an application's sample data, not its schema. The dialect
     * is not named: Hibernate picks its PostgreSQL dialect, for the server's version, from the
     * connection (and warns when it is named).
     */
    static Map<String, Object> forExport(Map<String, String> applicationSettings) {
        Map<String, Object> settings = new HashMap<>(applicationSettings);
        settings.put(AvailableSettings.JAKARTA_HBM2DDL_DATABASE_ACTION, Action.CREATE_ONLY);
        settings.put(AvailableSettings.JAKARTA_HBM2DDL_SCRIPTS_ACTION, Action.NONE);
        settings.put(AvailableSettings.HBM2DDL_HALT_ON_ERROR, true);
        settings.put(AvailableSettings.JAKARTA_HBM2DDL_CREATE_SCHEMAS, true);
        settings.put(AvailableSettings.HBM2DDL_SKIP_DEFAULT_IMPORT_FILE, true);
        settings.put(AvailableSettings.HBM2DDL_AUTO, "none");
        // The class loader given is the whole truth: the thread's context loader may see other units.
        settings.put(AvailableSettings.TC_CLASSLOADER, "never");
        return settings;
    }
}
