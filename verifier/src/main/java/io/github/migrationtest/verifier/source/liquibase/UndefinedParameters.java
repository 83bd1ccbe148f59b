package io.github.migrationtest.verifier.source.liquibase;

import io.github.migrationtest.verifier.source.HistoryFinding;
import io.github.migrationtest.verifier.source.HistoryFinding.Kind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import liquibase.change.AbstractSQLChange;
import liquibase.change.Change;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.ChangeSet;
import liquibase.serializer.LiquibaseSerializable;

/**
 * Changelog parameters a changeset's SQL or a change's attributes use but nothing defines. Liquibase leaves
 * {@code ${name}} as written then, so Postgres fails on it as a syntax error far from the cause, or (in a
 * {@code tableName}) makes the table under that name; in a string literal or a value it may be meant as text, so
 * there it is only a warning.
 */
final class UndefinedParameters {

    private static final Pattern PARAMETER = Pattern.compile("\\$\\{([^}\\s]+)}");
    /** How many changesets a name is reported at one by one; those after are named together. */
    private static final int TOLD_AT_MOST = 3;
    private static final Pattern DOLLAR_TAG = Pattern.compile("\\$([A-Za-z_][A-Za-z0-9_]*)?\\$");

    private UndefinedParameters() {
    }

    /** A parameter as a changeset uses it: in code (an error), or only inside strings and values (a warning). */
    private record Use(String name, boolean asText) {
    }

    /**
     * The findings, each name at its first few changesets; the changesets after those are named in one finding more,
     * as a history that prefixes every table with one parameter uses it in dozens (camunda's 26).
     */
    static List<HistoryFinding> in(List<ChangeSet> changeSets, Function<String, String> display) {
        List<HistoryFinding> findings = new ArrayList<>();
        Map<Use, Integer> told = new HashMap<>();
        Map<Use, List<String>> more = new LinkedHashMap<>();
        Map<Use, String> moreFrom = new HashMap<>();
        for (ChangeSet changeSet : changeSets) {
            Map<String, Boolean> undefined = new LinkedHashMap<>();
            Set<String> inSql = new HashSet<>();
            List<Change> changes = new ArrayList<>(changeSet.getChanges());
            changes.addAll(changeSet.getRollback().getChanges());
            boolean plain = PlainSqlChangelog.is(changeSet);
            for (Change change : changes) {
                if (change instanceof AbstractSQLChange sql) {
                    undefined(text(sql), changeSet, plain).forEach((name, quoted) -> {
                        undefined.merge(name, quoted, Boolean::logicalAnd);
                        inSql.add(name);
                    });
                } else {
                    // A change's attributes (tableName: ${prefix}pages): Liquibase leaves the name as written too, and
                    // Postgres takes it as a quoted identifier, so the table is made under a name nobody asked for.
                    attributes(change, "", 0, (field, value) -> undefined(value, changeSet, false).forEach((name, quoted) ->
                            undefined.merge(name, quoted || isValue(field), Boolean::logicalAnd)));
                }
            }
            String file = display.apply(ChangelogReader.physicalPath(changeSet));
            undefined.forEach((name, quoted) -> {
                String where = file + line(file, changeSet.getId(), "${" + name + "}").map(l -> ":" + l).orElse("");
                Use use = new Use(name, quoted);
                if (told.merge(use, 1, Integer::sum) > TOLD_AT_MOST) {
                    more.computeIfAbsent(use, k -> new ArrayList<>()).add(changeSet.getId());
                    moreFrom.putIfAbsent(use, where);
                    return;
                }
                if (plain) {
                    // Defined or not, Liquibase replaces no parameter in a plain SQL changelog: giving it a value is no fix.
                    findings.add(HistoryFinding.error(Kind.UNDEFINED_PLACEHOLDER, where, "changeset " + changeSet.getId()
                            + " uses ${" + name + "}, which Liquibase leaves as written: " + PlainSqlChangelog.why(file)
                            + ", and replaces no changelog parameters in plain SQL", PlainSqlChangelog.fix(file)));
                    return;
                }
                findings.add(finding(use, where, quoted
                        ? "changeset " + changeSet.getId() + " has ${" + name + "} in a string with no changelog"
                                + " parameter of that name: Liquibase leaves it as written"
                        : "changeset " + changeSet.getId() + " uses the changelog parameter ${" + name + "}, which has"
                                + " no value: Liquibase would" + (inSql.contains(name) ? " leave it as written and"
                                + " Postgres fail on it" : " leave it as written, and Postgres take it as part of the name")));
            });
        }
        more.forEach((use, ids) -> findings.add(finding(use, moreFrom.get(use), ids.size() + " more changeset"
                + (ids.size() == 1 ? "" : "s") + " (" + String.join(", ", ids) + ") "
                + (use.asText() ? "have ${" + use.name() + "} in a string" : "use ${" + use.name() + "}") + " too")));
        return findings;
    }

    /** An error where the parameter is code, a warning where it may be meant as text. */
    private static HistoryFinding finding(Use use, String where, String message) {
        return use.asText()
                ? HistoryFinding.warning(Kind.UNDEFINED_PLACEHOLDER, where, message, fix(use.name()) + ", if it is meant as one")
                : HistoryFinding.error(Kind.UNDEFINED_PLACEHOLDER, where, message, fix(use.name()));
    }

    private static String fix(String name) {
        return "give it a value: --parameter " + name + "=<value>, parameter." + name + "=<value> in"
                + " liquibase.properties, or -D" + name + "=<value> (in a Spring Boot project"
                + " spring.liquibase.parameters." + name + ")";
    }

    /** The undefined names, each with whether every use is inside a string literal. */
    private static Map<String, Boolean> undefined(String sql, ChangeSet changeSet, boolean plain) {
        Map<String, Boolean> names = new LinkedHashMap<>();
        if (sql == null || !sql.contains("${")) {
            return names;
        }
        ChangeLogParameters parameters = changeSet.getChangeLog() == null ? null
                : changeSet.getChangeLog().getChangeLogParameters();
        Matcher matcher = PARAMETER.matcher(sql);
        while (matcher.find()) {
            String name = matcher.group(1);
            if (!plain && parameters != null && parameters.hasValue(name, changeSet.getChangeLog())) {
                continue;
            }
            Context context = contextAt(sql, matcher.start());
            if (context != Context.COMMENT) {
                names.merge(name, context == Context.STRING, Boolean::logicalAnd);
            }
        }
        return names;
    }

    private enum Context { CODE, STRING, COMMENT }

    /** Where an offset is: in code, a string literal (quoted or dollar-quoted) or a comment. */
    private static Context contextAt(String sql, int offset) {
        int i = 0;
        while (i < offset) {
            char c = sql.charAt(i);
            int end;
            Context kind;
            if (c == '\'') {
                end = sql.indexOf('\'', i + 1);
                while (end >= 0 && end + 1 < sql.length() && sql.charAt(end + 1) == '\'') {
                    end = sql.indexOf('\'', end + 2);
                }
                kind = Context.STRING;
            } else if (c == '-' && sql.startsWith("--", i)) {
                end = sql.indexOf('\n', i);
                kind = Context.COMMENT;
            } else if (c == '/' && sql.startsWith("/*", i)) {
                end = sql.indexOf("*/", i + 2);
                end = end < 0 ? -1 : end + 1;
                kind = Context.COMMENT;
            } else if (c == '$' && dollarTag(sql, i) != null) {
                String tag = dollarTag(sql, i);
                end = sql.indexOf(tag, i + tag.length());
                end = end < 0 ? -1 : end + tag.length() - 1;
                kind = Context.STRING;
            } else {
                i++;
                continue;
            }
            if (end < 0 || end >= offset) {
                return kind;
            }
            i = end + 1;
        }
        return Context.CODE;
    }

    private static String dollarTag(String sql, int at) {
        Matcher tag = DOLLAR_TAG.matcher(sql).region(at, sql.length());
        return tag.lookingAt() ? tag.group() : null;
    }

    private static String text(AbstractSQLChange change) {
        try {
            return change.getSql();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The string attributes of a change and of what it holds (its columns, constraints, ...), each with its field's name. */
    private static void attributes(Object value, String field, int depth, BiConsumer<String, String> each) {
        if (value instanceof String text) {
            each.accept(field, text);
        } else if (value instanceof LiquibaseSerializable serializable && depth < 4) {
            for (String name : serializable.getSerializableFields()) {
                Object nested;
                try {
                    nested = serializable.getSerializableFieldValue(name);
                } catch (RuntimeException e) {
                    continue; // a field read through a file that is missing; ReferencedFiles reports that
                }
                attributes(nested, name, depth + 1, each);
            }
        } else if (value instanceof Collection<?> items && depth < 4) {
            items.forEach(item -> attributes(item, field, depth + 1, each));
        }
    }

    /** A value a change writes (a column's default, a row's value, a remark), which may mean ${...} as text. */
    private static boolean isValue(String field) {
        return field.startsWith("value") || field.startsWith("defaultValue") || field.equals("remarks")
                || field.equals("comment") || field.equals("comments");
    }

    /** The line of the first use from the changeset's own line on, when the changeset's file is one on disk. */
    private static java.util.Optional<Integer> line(String file, String changeSetId, String use) {
        try {
            Path path = Path.of(file);
            if (!Files.isRegularFile(path)) {
                return java.util.Optional.empty();
            }
            String text = Files.readString(path, StandardCharsets.UTF_8);
            List<String> lines = text.lines().toList();
            for (int i = Math.max(0, LiquibaseErrors.lineOf(text, changeSetId) - 1); i < lines.size(); i++) {
                if (lines.get(i).contains(use)) {
                    return java.util.Optional.of(i + 1);
                }
            }
        } catch (IOException | RuntimeException e) {
            // the line is a courtesy; the file and changeset still say where
        }
        return java.util.Optional.empty();
    }
}
