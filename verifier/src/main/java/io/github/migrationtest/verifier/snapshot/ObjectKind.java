package io.github.migrationtest.verifier.snapshot;

/** The kinds of database object a {@link SchemaSnapshot} holds, with the word that names each. */
public enum ObjectKind {
    EXTENSION("extension", "extension "),
    EVENT_TRIGGER("event trigger", "event trigger "),
    DATABASE_SETTING("database setting", "database setting "),
    DEFAULT_PRIVILEGES("default privileges", "default privileges "),
    PUBLICATION("publication", "publication "),
    SCHEMA("schema", "schema "),
    TABLE("table", ""),
    COLUMN("column", ""),
    CONSTRAINT("constraint", "constraint "),
    INDEX("index", ""),
    STATISTICS("statistics", "statistics "),
    TRIGGER("trigger", "trigger "),
    RULE("rule", "rule "),
    POLICY("policy", "policy "),
    SEQUENCE("sequence", ""),
    VIEW("view", ""),
    MATERIALIZED_VIEW("materialized view", ""),
    FUNCTION("function", "function "),
    PROCEDURE("procedure", "procedure "),
    ENUM("enum", "type "),
    DOMAIN("domain", "type "),
    COMPOSITE_TYPE("composite type", "type "),
    RANGE_TYPE("range type", "type "),
    // Objects few histories make, each with its identity and a definition ({@link CatalogObject}).
    COLLATION("collation", "collation "),
    TEXT_SEARCH_CONFIGURATION("text search configuration", "text search configuration "),
    TEXT_SEARCH_DICTIONARY("text search dictionary", "text search dictionary "),
    FOREIGN_DATA_WRAPPER("foreign data wrapper", "foreign data wrapper "),
    SERVER("server", "server "),
    USER_MAPPING("user mapping", "user mapping "),
    FOREIGN_TABLE("foreign table", "foreign table "),
    AGGREGATE("aggregate", "aggregate "),
    OPERATOR("operator", "operator "),
    OPERATOR_CLASS("operator class", "operator class "),
    OPERATOR_FAMILY("operator family", "operator family "),
    CAST("cast", "cast "),
    CONVERSION("conversion", "conversion ");

    private final String keyword;
    private final String pathPrefix;

    ObjectKind(String keyword, String pathPrefix) {
        this.keyword = keyword;
        this.pathPrefix = pathPrefix;
    }

    /** The words that start this kind's block in the text form, e.g. {@code materialized view}. */
    public String keyword() {
        return keyword;
    }

    /**
     * What precedes the qualified name in a difference's path. Relations and columns go bare
     * ({@code public.users.email}) because that is how people name them; the rest say their kind
     * ({@code type public.mood}) since their names live in other namespaces and could clash.
     */
    public String pathPrefix() {
        return pathPrefix;
    }

    /** The kind whose keyword and a space start {@code header} (the longest such keyword), or {@code null}. */
    static ObjectKind ofHeader(String header) {
        ObjectKind found = null;
        for (ObjectKind kind : values()) {
            if (header.startsWith(kind.keyword + " ")
                    && (found == null || kind.keyword.length() > found.keyword.length())) {
                found = kind;
            }
        }
        return found;
    }
}
