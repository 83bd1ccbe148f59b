package io.github.migrationtest.junit.assertions;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the parts tests ask about out of the definitions Postgres writes for indexes and constraints. */
final class Definitions {

    private static final Pattern FOREIGN_KEY = Pattern.compile(
            "FOREIGN KEY \\((?<columns>.+?)\\) REFERENCES (?<target>.+?)\\((?<targetColumns>.+?)\\)(?<rest>.*)", Pattern.DOTALL);
    private static final Pattern CAST = Pattern.compile(
            "::[\\w.\"]+(?: varying| precision| with(?:out)? time zone)?(?:\\([\\d, ]+\\))?(?:\\[\\])*");

    private Definitions() {
    }

    /** A foreign key's parts. */
    record ForeignKey(List<String> columns, String target, List<String> targetColumns, String onDelete, String onUpdate) {
    }

    static Optional<ForeignKey> foreignKey(String definition) {
        Matcher m = FOREIGN_KEY.matcher(definition);
        if (!m.matches()) {
            return Optional.empty();
        }
        String rest = m.group("rest");
        return Optional.of(new ForeignKey(identifiers(m.group("columns")), m.group("target").trim(),
                identifiers(m.group("targetColumns")), action(rest, "ON DELETE"), action(rest, "ON UPDATE")));
    }

    private static String action(String rest, String clause) {
        Matcher m = Pattern.compile(clause + " (SET NULL|SET DEFAULT|CASCADE|RESTRICT|NO ACTION)").matcher(rest);
        return m.find() ? m.group(1) : "NO ACTION";
    }

    /** The key columns or expressions of an index, in order: {@code (lower(email), id DESC)} gives both. */
    static List<String> indexKeys(String definition) {
        int using = definition.indexOf(" USING ");
        int open = definition.indexOf('(', using < 0 ? 0 : using);
        if (open < 0) {
            return List.of();
        }
        List<String> keys = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        StringBuilder key = new StringBuilder();
        for (int i = open + 1; i < definition.length(); i++) {
            char c = definition.charAt(i);
            if (c == '\'' || c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')') {
                if (depth == 0) {
                    keys.add(key.toString().trim());
                    return keys;
                }
                depth--;
            } else if (!quoted && depth == 0 && c == ',') {
                keys.add(key.toString().trim());
                key.setLength(0);
                continue;
            }
            key.append(c);
        }
        return keys;
    }

    /** Whether an index key ({@code email}, {@code email DESC}, {@code lower(email)}) is what the user wrote. */
    static boolean sameKey(String written, String key) {
        String wanted = written.trim();
        return key.equals(wanted) || key.startsWith(wanted + " ")
                || (Names.parse(key.split(" ")[0]).size() == 1 && Names.parse(key.split(" ")[0]).get(0).equals(wanted));
    }

    /** An expression with casts, parentheses and white space taken out: {@code ((total >= (0)::numeric))} is {@code total>=0}. */
    static String bareExpression(String expression) {
        return CAST.matcher(expression).replaceAll("").replaceAll("[\\s()]", "");
    }

    /** Comma-separated identifiers, unquoted. */
    static List<String> identifiers(String list) {
        List<String> names = new ArrayList<>();
        for (String part : list.split(",")) {
            names.add(Names.parse(part.trim()).get(0));
        }
        return names;
    }
}
