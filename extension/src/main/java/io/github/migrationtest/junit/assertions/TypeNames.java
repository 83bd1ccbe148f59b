package io.github.migrationtest.junit.assertions;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Type names as Postgres's {@code format_type} writes them, so a test may write the aliases people
 * use: {@code varchar(255)} is {@code character varying(255)}, {@code timestamptz} is
 * {@code timestamp with time zone}, {@code int} is {@code integer}.
 */
final class TypeNames {

    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("int", "integer"), Map.entry("int4", "integer"), Map.entry("serial", "integer"),
            Map.entry("serial4", "integer"), Map.entry("int2", "smallint"), Map.entry("smallserial", "smallint"),
            Map.entry("serial2", "smallint"), Map.entry("int8", "bigint"), Map.entry("bigserial", "bigint"),
            Map.entry("serial8", "bigint"), Map.entry("bool", "boolean"), Map.entry("float8", "double precision"),
            Map.entry("float", "double precision"), Map.entry("float4", "real"), Map.entry("decimal", "numeric"),
            Map.entry("varchar", "character varying"), Map.entry("char", "character"), Map.entry("bpchar", "character"),
            Map.entry("varbit", "bit varying"));
    private static final Pattern TYPE = Pattern.compile(
            "(?<base>[a-z_\"][a-z0-9_ .\"$]*?)\\s*(?<modifier>\\([^)]*\\))?\\s*(?<zone>with(?:out)? time zone)?\\s*(?<arrays>(?:\\[\\d*\\])*)");

    private TypeNames() {
    }

    /** The name in {@code format_type}'s spelling; unknown names come back lower-cased and trimmed. */
    static String canonical(String type) {
        String text = type.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        Matcher m = TYPE.matcher(text);
        if (!m.matches()) {
            return text;
        }
        String base = m.group("base").trim();
        String modifier = m.group("modifier") == null ? "" : m.group("modifier").replace(" ", "");
        String zone = m.group("zone") == null ? "" : " " + m.group("zone");
        if (base.equals("timestamptz") || base.equals("timetz")) {
            base = base.substring(0, base.length() - 2);
            zone = " with time zone";
        } else if ((base.equals("timestamp") || base.equals("time")) && zone.isEmpty()) {
            zone = " without time zone";
        }
        base = ALIASES.getOrDefault(base, base);
        return base + modifier + zone + m.group("arrays").replaceAll("\\[\\d+\\]", "[]");
    }

    /**
     * Whether the catalog's {@code actual} is the type the user wrote. An unqualified user type
     * matches its schema-qualified spelling ({@code mood} is {@code public.mood}).
     */
    static boolean same(String expected, String actual) {
        String wanted = canonical(expected);
        String found = canonical(actual);
        return wanted.equals(found) || (!wanted.contains(".") && found.endsWith("." + wanted));
    }
}
