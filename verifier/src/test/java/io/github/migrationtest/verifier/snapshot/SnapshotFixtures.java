package io.github.migrationtest.verifier.snapshot;

import java.util.List;
import java.util.Map;

/** Hand-built objects for tests that need no database. */
public final class SnapshotFixtures {
    private SnapshotFixtures() {
    }

    public static Table table(String schema, String name) {
        return new Table(schema, name, false, null, null, null, null, false, false, null, null, null);
    }

    public static Table commentedTable(String schema, String name, String comment) {
        return new Table(schema, name, false, null, null, null, null, false, false, null, comment, null);
    }

    public static Column column(String schema, String table, String name, int position, String type) {
        return new Column(schema, table, name, position, type, false, null, null, null, null, null, null, null, null);
    }

    public static Column commentedColumn(String schema, String table, String name, int position, String type,
            String comment) {
        return new Column(schema, table, name, position, type, false, null, null, null, null, null, null, comment,
                null);
    }

    public static Index index(String schema, String name, String table, String definition) {
        return new Index(schema, name, table, null, definition, false, false, null);
    }

    public static EnumType enumType(String schema, String name, String... labels) {
        return new EnumType(schema, name, List.of(labels), null, "PUBLIC: USAGE");
    }

    public static Routine function(String schema, String name, String arguments, String body) {
        return new Routine(schema, name, arguments, false, arguments, "integer", "plpgsql", false, "volatile",
                false, false, false, "unsafe", "100", null, null, body, null, "PUBLIC: EXECUTE");
    }

    /** One object of every kind, with awkward names and values. */
    public static SchemaSnapshot everyKind() {
        return SchemaSnapshot.of(List.of(
                new Extension("pgcrypto", "1.3", "public", "cryptographic functions"),
                new EventTrigger("on ddl", "ddl_command_end", "'CREATE TABLE'", "app.on_ddl", "disabled", null),
                new DatabaseSetting("search_path", "\"$user\", app"),
                new DefaultPrivileges(null, "app", "tables", "reader: SELECT"),
                new DefaultPrivileges("Odd \"Role\"", "Odd \"Schema\"", "sequences", "PUBLIC: USAGE"),
                new DefaultPrivileges("app owner", null, "functions", null),
                new Publication("feed", false, "insert, update", true, "app.users (id, email) WHERE ((id > 1)), \"Odd \"\"Schema\"\"\".t",
                        "app", "to the\nsearch index"),
                new Publication("Odd \"Publication\"", true, "none", false, null, null, null),
                new CatalogObject(ObjectKind.COLLATION, "app", "app.ci", "provider icu, locale und-u-ks-level2, nondeterministic",
                        "case-insensitive"),
                new CatalogObject(ObjectKind.TEXT_SEARCH_CONFIGURATION, "app", "app.c", "parser pg_catalog.\"default\"", null),
                new CatalogObject(ObjectKind.TEXT_SEARCH_DICTIONARY, "app", "app.d", "template pg_catalog.simple", null),
                new CatalogObject(ObjectKind.FOREIGN_DATA_WRAPPER, null, "w", null, null),
                new CatalogObject(ObjectKind.SERVER, null, "\"Odd server\"", "foreign data wrapper w", null),
                new CatalogObject(ObjectKind.USER_MAPPING, null, "FOR CURRENT_USER SERVER \"Odd server\"", null, null),
                new CatalogObject(ObjectKind.FOREIGN_TABLE, "app", "app.ft", "server \"Odd server\": id integer", null),
                new CatalogObject(ObjectKind.AGGREGATE, "app", "app.total(integer)", "sfunc app.plus, stype integer", null),
                new CatalogObject(ObjectKind.OPERATOR, "app", "app.###(integer,integer)", "left integer, right integer", null),
                new CatalogObject(ObjectKind.OPERATOR_CLASS, "app", "app.ops USING btree", "family app.ops USING btree", null),
                new CatalogObject(ObjectKind.OPERATOR_FAMILY, "app", "app.ops USING btree", "operators 1 app.###(integer,integer)",
                        null),
                new CatalogObject(ObjectKind.CAST, null, "(integer AS app.mood)", "function app.as_mood(integer), explicit", null),
                new CatalogObject(ObjectKind.CONVERSION, "Odd \"Schema\"", "\"Odd \"\"Schema\"\"\".conv",
                        "LATIN1 to UTF8 via pg_catalog.iso8859_1_to_utf8(integer,integer,cstring,internal,integer,boolean)", null),
                new Schema("app", "application\nobjects", "reader: USAGE"),
                new Schema("Odd \"Schema\"", null, null),
                new Table("app", "users", true, null, null, null, null, true, true, "fillfactor=70", "people", null),
                new Table("app", "events", false, "RANGE (at)", null, null, null, false, false, null, null, null),
                new Table("app", "events_2024", false, null, "app.events",
                        "FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')", null, false, false, null, null, null),
                new Table("Odd \"Schema\"", "Mixed Case", false, null, null, null, null, false, false, null,
                        "  edge spaces, a tab\tand a CR\r ", null),
                new Column("app", "users", "id", 1, "bigint", true, null, "ALWAYS", null, null, null, null, null, null),
                new Column("app", "users", "name", 2, "text", false, "'it''s'::text", null, null, "\"C\"", "EXTERNAL",
                        "lz4", "", "reader: SELECT"),
                new Column("app", "users", "upper", 3, "text", false, null, null, "upper(name)", null, null, null,
                        "E\"looks escaped\"", null),
                new Column("Odd \"Schema\"", "Mixed Case", "line\nbreak", 1, "text", false, null, null, null, null,
                        null, null, "|", null),
                new Column("Odd \"Schema\"", "Mixed Case", "back\\slash: \"col\"", 2, "integer", false, null, null,
                        null, null, null, null, null, null),
                new Constraint("app", "users", "users_pkey", "PRIMARY KEY (id)", "the key"),
                new Index("app", "users_pkey", "users", "users_pkey", null, true, false, null),
                new Index("app", "users name", "users", null, "CREATE INDEX \"users name\" ON app.users USING btree (name)"
                        + " WHERE (name <> ''::text)", false, true, "partial", "1: 500"),
                new Rule("app", "users", "keep", "CREATE RULE keep AS\n    ON DELETE TO app.users DO INSTEAD NOTHING",
                        "disabled", "a\ncomment"),
                new Trigger("app", "users", "touch", "CREATE TRIGGER touch BEFORE UPDATE ON app.users FOR EACH ROW "
                        + "EXECUTE FUNCTION app.touch()", "disabled", null),
                new Policy("app", "users", "self", true, "SELECT", "PUBLIC", "(name = CURRENT_USER)", null, null),
                new Sequence("app", "users_id_seq", "bigint", 100, 2, 1, Long.MAX_VALUE, 1, true, "app.users.id", true,
                        null, null),
                new View("app", "active", false, " SELECT users.id\n   FROM app.users\n\n  WHERE true;\n",
                        "security_barrier=true", null, null),
                new Statistics("Odd \"Schema\"", "odd stats", "app", "users",
                        "CREATE STATISTICS \"Odd \"\"Schema\"\"\".\"odd stats\" (ndistinct) ON id, name FROM app.users", "500",
                        "two columns"),
                new View("app", "totals", true, " SELECT 1 AS one;", null, Map.of(), null, Map.of(), null,
                        Map.of("one", "300")),
                new View("app", "with columns", false, " SELECT 1 AS \"Odd id\", 'x'::text AS name;", null,
                        Map.of("name", "'anonymous'::text"), "columns of their own",
                        Map.of("Odd id", "a \"quoted\"\nline"), null),
                new Routine("app", "touch", "", false, null, "trigger", "plpgsql", false, "volatile", false, true,
                        false, "unsafe", "100", null, "search_path=app, pg_temp",
                        "\nBEGIN\n\tNEW.at := now();  \n\n    RETURN NEW;\nEND;\n", "ünïcödé ✓ and \u2028 separator",
                        "PUBLIC: EXECUTE"),
                new Routine("app", "archive", "IN before date", true, "IN before date", null, "sql", false, null,
                        false, false, false, null, null, null, null, "BEGIN ATOMIC\n DELETE FROM app.events;\nEND",
                        null, null),
                new EnumType("app", "mood", List.of("sad", "it's ok", "", "happy, really"), null, "PUBLIC: USAGE"),
                new EnumType("app", "empty", List.of(), null, null),
                new DomainType("app", "positive", "integer", true, "1", null,
                        Map.of("positive", "CHECK ((VALUE > 0))"), null, null),
                // An attribute named comment, and comments on attributes: two kinds of keys under one prefix.
                new CompositeType("app", "address", Map.of("street", "text", "odd: name", "text COLLATE \"C\"",
                        "comment", "text"), null, null, Map.of("odd: name", "quoted", "comment", "a comment's comment")),
                new RangeType("app", "floatrange", "double precision", "float8_ops", null, null, "float8mi",
                        "app.floatmultirange", null, null)));
    }
}
