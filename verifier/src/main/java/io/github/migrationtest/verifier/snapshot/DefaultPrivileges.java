package io.github.migrationtest.verifier.snapshot;

import java.util.Locale;
import java.util.Map;

/**
 * The privileges a role's future objects of one kind get ({@code ALTER DEFAULT PRIVILEGES}), in one schema or in every
 * schema, as Postgres stores them ({@code pg_default_acl}). A migration can change them, and its downgrade must put them
 * back, as for any object: a {@code GRANT} is idempotent, so one a downgrade forgets to revoke would otherwise never
 * show. Named as the statement would say it, {@code for role app in schema public on tables}; the role the snapshot is
 * read as (the migrations' own, whose name differs from run to run) is left out.
 *
 * @param role the role whose new objects get the privileges; null for the role the snapshot was read as
 * @param inSchema the schema they apply in; null for every schema
 * @param objects what they apply to, as {@code ON} names it in lower case: {@code tables}, {@code sequences},
 *     {@code functions}, {@code types} or {@code schemas}
 * @param grants the privileges as an object's are written ({@code PUBLIC: SELECT; reader: INSERT, SELECT}), without
 *     the role's own implicit ones; null where an entry for every schema only takes privileges away
 */
public record DefaultPrivileges(String role, String inSchema, String objects, String grants) implements DatabaseObject {

    /**
     * The database's entries, in the schemas read (the parameter) or in every schema; each row the role (null for the
     * current one), the schema (null for every one), what they apply to, and the privileges.
     */
    static final String SQL = """
            select case when d.defaclrole = (select r.oid from pg_roles r where r.rolname = current_user) then null
                        else pg_get_userbyid(d.defaclrole) end,
                   n.nspname,
                   case d.defaclobjtype when 'r' then 'tables' when 'S' then 'sequences' when 'f' then 'functions'
                        when 'T' then 'types' when 'n' then 'schemas' end,
                   %s
            from pg_default_acl d left join pg_namespace n on n.oid = d.defaclnamespace
            where d.defaclnamespace = 0 or d.defaclnamespace = any(?::oid[])""".formatted(ReadScope.grants("d.defaclacl",
            "case d.defaclobjtype when 'S' then 's' else d.defaclobjtype end", "d.defaclrole"));

    @Override
    public String name() {
        return (role == null ? "" : "for role " + Identifiers.quote(role) + " ")
                + (inSchema == null ? "" : "in schema " + Identifiers.quote(inSchema) + " ") + "on " + objects;
    }

    @Override
    public ObjectKind kind() {
        return ObjectKind.DEFAULT_PRIVILEGES;
    }

    @Override
    public Map<String, String> properties() {
        return new Props().put("grants", grants).build();
    }

    /** What follows {@code ON} in the statement: {@code TABLES}. */
    public String objectsKeyword() {
        return objects.toUpperCase(Locale.ROOT);
    }

    static DefaultPrivileges read(Identifiers.Split name, PropertyReader p) {
        String text = name.part(0, "default privileges");
        Words words = new Words(text);
        String role = words.skip("for role ") ? words.identifier() : null;
        String schema = words.skip("in schema ") ? words.identifier() : null;
        if (!words.skip("on ") || words.rest().isEmpty() || words.rest().contains(" ")) {
            throw new IllegalArgumentException("default privileges are named [for role <role>] [in schema <schema>]"
                    + " on <tables|sequences|functions|types|schemas>: " + text);
        }
        return new DefaultPrivileges(role, schema, words.rest(), p.get("grants"));
    }

    /** Reads a name back, word by word: an identifier is quoted as {@link Identifiers#quote} writes it, or bare. */
    private static final class Words {
        private final String text;
        private int at;

        Words(String text) {
            this.text = text;
        }

        boolean skip(String words) {
            if (!text.startsWith(words, at)) {
                return false;
            }
            at += words.length();
            return true;
        }

        String identifier() {
            int end = text.indexOf(' ', at);
            if (text.startsWith("\"", at) || text.startsWith("U&\"", at)) {
                Identifiers.Split quoted = Identifiers.split(text.substring(at));
                end = text.length() - quoted.rest().length();
                at = end + 1;
                return quoted.part(0, text);
            }
            if (end < 0) {
                throw new IllegalArgumentException("a name is not followed by more words: " + text);
            }
            String bare = text.substring(at, end);
            at = end + 1;
            return bare;
        }

        String rest() {
            return text.substring(Math.min(at, text.length()));
        }
    }
}
