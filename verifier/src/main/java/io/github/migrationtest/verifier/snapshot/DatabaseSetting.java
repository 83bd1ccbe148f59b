package io.github.migrationtest.verifier.snapshot;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A default the database gives every session ({@code ALTER DATABASE ... SET timezone = 'UTC'}), as Postgres stores
 * it: a migration can change it, and its downgrade must put it back, as for any object. Roles' settings in the
 * database ({@code ALTER ROLE ... IN DATABASE}) belong to roles, which are the server's.
 *
 * @param name the parameter, as written in the catalog
 * @param value the value as Postgres stores it ({@code pg_db_role_setting})
 */
public record DatabaseSetting(String name, String value) implements DatabaseObject {

    /**
     * The parameters whose values Postgres stores as a list of identifiers, each quoted as needed
     * ({@code GUC_LIST_QUOTE}): {@code "$user", app}. Set again, such a value is written as it is stored (a list);
     * any other as one literal, which Postgres stores unchanged ({@code '5000'} stays {@code 5000}, where
     * {@code SET ... FROM CURRENT} would store {@code 5s}).
     */
    public static final List<String> IDENTIFIER_LISTS = List.of("search_path", "temp_tablespaces",
            "session_preload_libraries", "local_preload_libraries", "shared_preload_libraries");

    /**
     * The settings of the database whose name the {@code %s} gives (an expression): its own defaults (role 0), not
     * those of a role in it; each row the parameter's name and its value as stored.
     */
    public static final String OF_DATABASE = """
            select pg_catalog.split_part(c.setting, '=', 1), pg_catalog.substr(c.setting, pg_catalog.strpos(c.setting, '=') + 1)
            from pg_catalog.pg_db_role_setting s cross join pg_catalog.unnest(s.setconfig) c(setting)
            where s.setrole = 0 and s.setdatabase = (select d.oid from pg_catalog.pg_database d where d.datname = %s)""";

    /** The value as a {@code SET} clause gives it, so that Postgres stores the same text again. */
    public String valueAsSql() {
        boolean list = IDENTIFIER_LISTS.contains(name.toLowerCase(Locale.ROOT)) && !value.equals("\"\"");
        return list ? value : SqlLiterals.list(List.of(value));
    }

    @Override
    public ObjectKind kind() {
        return ObjectKind.DATABASE_SETTING;
    }

    @Override
    public Map<String, String> properties() {
        return new Props().put("value", value).build();
    }

    static DatabaseSetting read(Identifiers.Split name, PropertyReader p) {
        return new DatabaseSetting(name.part(0, "database setting"), p.require("value"));
    }
}
