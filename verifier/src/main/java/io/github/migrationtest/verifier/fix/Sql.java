package io.github.migrationtest.verifier.fix;

import io.github.migrationtest.verifier.snapshot.Identifiers;
import java.util.Set;

/**
 * Names and literals as generated SQL writes them. Names go through {@link Identifiers#quote},
 * which keeps a name's spelling but leaves keywords bare (the snapshot's paths read
 * {@code public.order}); in a statement a keyword must be quoted, as Postgres's own
 * {@code quote_ident} does, or {@code CREATE TABLE public.order} would not parse.
 */
final class Sql {
    /**
     * The keywords that cannot stand as a name everywhere: {@code pg_get_keywords()} with a category
     * other than unreserved (Postgres 17; a test checks the list against the server it runs on).
     */
    static final Set<String> KEYWORDS = Set.of(
            // reserved
            "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "both", "case", "cast",
            "check", "collate", "column", "constraint", "create", "current_catalog", "current_date", "current_role",
            "current_time", "current_timestamp", "current_user", "default", "deferrable", "desc", "distinct", "do",
            "else", "end", "except", "false", "fetch", "for", "foreign", "from", "grant", "group", "having", "in",
            "initially", "intersect", "into", "lateral", "leading", "limit", "localtime", "localtimestamp", "not",
            "null", "offset", "on", "only", "or", "order", "placing", "primary", "references", "returning", "select",
            "session_user", "some", "symmetric", "system_user", "table", "then", "to", "trailing", "true", "union",
            "unique", "user", "using", "variadic", "when", "where", "window", "with",
            // type or function names
            "authorization", "binary", "collation", "concurrently", "cross", "current_schema", "freeze", "full",
            "ilike", "inner", "is", "isnull", "join", "left", "like", "natural", "notnull", "outer", "overlaps",
            "right", "similar", "tablesample", "verbose",
            // column names
            "between", "bigint", "bit", "boolean", "char", "character", "coalesce", "dec", "decimal", "exists",
            "extract", "float", "greatest", "grouping", "inout", "int", "integer", "interval", "json", "json_array",
            "json_arrayagg", "json_exists", "json_object", "json_objectagg", "json_query", "json_scalar",
            "json_serialize", "json_table", "json_value", "least", "merge_action", "national", "nchar", "none",
            "normalize", "nullif", "numeric", "out", "overlay", "position", "precision", "real", "row", "setof",
            "smallint", "substring", "time", "timestamp", "treat", "trim", "values", "varchar", "xmlattributes",
            "xmlconcat", "xmlelement", "xmlexists", "xmlforest", "xmlnamespaces", "xmlparse", "xmlpi", "xmlroot",
            "xmlserialize", "xmltable");

    private Sql() {
    }

    /** One identifier, quoted where Postgres needs it: {@code users}, {@code "Order"}, {@code "order"}. */
    static String name(String identifier) {
        return KEYWORDS.contains(identifier) ? '"' + identifier + '"' : Identifiers.quote(identifier);
    }

    /** Dotted identifiers, each quoted where needed: {@code public."Order".id}. */
    static String name(String first, String... more) {
        StringBuilder out = new StringBuilder(name(first));
        for (String part : more) {
            out.append('.').append(name(part));
        }
        return out.toString();
    }

    /** A string literal; standard-conforming, so only quotes are doubled. */
    static String literal(String value) {
        return value == null ? "NULL" : "'" + value.replace("'", "''") + "'";
    }

    /** A dollar-quoted body with a tag the body does not contain: {@code $$...$$}, else {@code $body$...$body$}. */
    static String dollarQuoted(String body) {
        String tag = "$$";
        for (int i = 0; body.contains(tag); i++) {
            tag = "$body" + (i == 0 ? "" : Integer.toString(i)) + "$";
        }
        return tag + body + tag;
    }
}
