package io.github.migrationtest.verifier.source.flyway;

import io.github.migrationtest.verifier.source.FlywayNames;
import io.github.migrationtest.verifier.source.HistoryFinding;
import io.github.migrationtest.verifier.source.SourceOptions;
import io.github.migrationtest.verifier.source.sql.Locations;
import io.github.migrationtest.verifier.source.sql.PlannedRevision;
import io.github.migrationtest.verifier.source.sql.ScriptPart;
import io.github.migrationtest.verifier.source.sql.SqlHistory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds the placeholders a Flyway history uses but no setting defines, before anything runs: Flyway would
 * fail the upgrade with "No value provided for placeholder", which reads like a broken statement.
 * Flyway replaces placeholders in the whole script (comments too), matches their names ignoring case, and
 * defines the {@code flyway:} ones itself.
 */
final class UndefinedPlaceholders {

    private static final String BUILT_IN = "flyway:";
    /** Repeatable migrations and SQL callbacks: Flyway reads placeholders in them too, though they are no revision. */
    private static final Pattern OTHER_SCRIPTS = Pattern.compile("(R__.*|(before|after)[A-Za-z]*(__.*)?)\\.sql");
    private final String prefix;
    private final String suffix;
    private final Set<String> defined = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    /**
     * Placeholders whose value is still a reference ({@code ${DPR_USER}}): Spring Boot leaves one to an environment
     * variable that is not set as written, and Flyway then puts that text into the SQL.
     */
    private final Map<String, String> unresolved = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    private UndefinedPlaceholders(SourceOptions options) {
        this.prefix = options.flyway().placeholderPrefix() == null ? "${" : options.flyway().placeholderPrefix();
        this.suffix = options.flyway().placeholderSuffix() == null ? "}" : options.flyway().placeholderSuffix();
        defined.addAll(options.placeholders().keySet());
        options.placeholders().forEach((name, value) -> {
            if (value != null && value.contains("${")) {
                unresolved.put(name, value);
            }
        });
    }

    /**
     * The history (of all of Flyway's locations, merged) with an error finding for each script and placeholder no
     * setting defines; the walk stops before the first revision that has one, whichever location it is in.
     */
    static SqlHistory check(SqlHistory history, List<Locations.Resolved> locations, SourceOptions options) {
        if (Boolean.FALSE.equals(options.flyway().placeholderReplacement())) {
            return history;
        }
        UndefinedPlaceholders check = new UndefinedPlaceholders(options);
        List<HistoryFinding> found = new ArrayList<>();
        Set<String> seen = new TreeSet<>();
        FlywayNames names = options.flyway().names();
        Map<String, Path> scripts = new LinkedHashMap<>();
        locations.forEach(location -> scripts(location.path(), names).forEach(scripts::putIfAbsent));
        int walkable = history.revisions().size();
        for (int i = 0; i < history.revisions().size(); i++) {
            PlannedRevision revision = history.revisions().get(i);
            for (ScriptPart part : Stream.concat(revision.up().stream(), revision.down().stream()).toList()) {
                if (seen.add(part.display())) {
                    List<HistoryFinding> inPart = check.findings(part.display(), scripts.get(fileName(part.display())), () -> text(part), true);
                    found.addAll(inPart);
                    walkable = inPart.isEmpty() ? walkable : Math.min(walkable, i);
                }
            }
        }
        for (Locations.Resolved location : locations) {
            for (Path script : scripts(location.path(), names).values()) {
                String name = location.display() + "/" + location.path().relativize(script).toString().replace('\\', '/');
                if (isOtherScript(script.getFileName().toString(), names) && seen.add(name)) {
                    found.addAll(check.findings(name, script, () -> "", false));
                }
            }
        }
        if (found.isEmpty()) {
            return history;
        }
        List<HistoryFinding> findings = new ArrayList<>(history.findings());
        findings.addAll(found);
        // Like a script that cannot be read, a revision that cannot run ends the walk before it, so no
        // upgrade fails for what this finding already says; the revisions before it are still verified.
        return new SqlHistory(history.revisions().subList(0, walkable), findings, history.convention());
    }

    /**
     * Reads a script on disk a line at a time, as the history reader does, so a large data script is never held
     * whole; a placeholder's name does not span lines.
     */
    private List<HistoryFinding> findings(String file, Path script, Supplier<String> text, boolean revision) {
        if (replacementOff(script)) {
            return List.of();
        }
        Map<String, Integer> undefined = new LinkedHashMap<>();
        try (BufferedReader reader = script != null ? Files.newBufferedReader(script, StandardCharsets.UTF_8)
                : new BufferedReader(new StringReader(text.get()))) {
            int number = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                scan(line, ++number, undefined);
            }
        } catch (IOException | UncheckedIOException e) {
            return List.of(); // a script that cannot be read is the history reader's to report
        }
        String fails = revision ? " would fail this migration (the walk stops before its revision)" : " would fail it";
        return undefined.entrySet().stream().map(e -> HistoryFinding.error(HistoryFinding.Kind.UNDEFINED_PLACEHOLDER,
                file + ":" + e.getValue(), unresolved.containsKey(e.getKey())
                        ? "the placeholder " + prefix + e.getKey() + suffix + " has the value " + unresolved.get(e.getKey())
                                + ", a reference left as written (an environment variable that is not set), so Flyway"
                                + " would put that text into the SQL and" + fails.replaceFirst("^ would", "")
                        : "the placeholder " + prefix + e.getKey() + suffix + " has no value, so Flyway" + fails,
                unresolved.containsKey(e.getKey()) ? "set what " + unresolved.get(e.getKey()) + " refers to, or "
                        + fix(e.getKey()) : fix(e.getKey()))).toList();
    }

    private void scan(String line, int number, Map<String, Integer> undefined) {
        for (int start = line.indexOf(prefix); start >= 0; start = line.indexOf(prefix, start + prefix.length())) {
            int end = line.indexOf(suffix, start + prefix.length());
            if (end < 0) {
                return;
            }
            String name = line.substring(start + prefix.length(), end);
            if (!name.toLowerCase(Locale.ROOT).startsWith(BUILT_IN) && (!defined.contains(name) || unresolved.containsKey(name))) {
                undefined.putIfAbsent(name, number);
            }
        }
    }

    /** Flyway's per-script configuration ({@code V1__a.sql.conf}) can switch replacement off for one script. */
    private static boolean replacementOff(Path script) {
        Path conf = script == null ? null : script.resolveSibling(script.getFileName() + ".conf");
        if (conf == null || !Files.isRegularFile(conf)) {
            return false;
        }
        Properties properties = new Properties();
        try (var reader = Files.newBufferedReader(conf, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            return false;
        }
        return "false".equalsIgnoreCase(properties.getProperty("placeholderReplacement", "").strip());
    }

    static String fix(String name) {
        return "give it a value: --placeholder " + name + "=<value>, flyway.placeholders." + name + "=<value> in"
                + " flyway.conf ([flyway.placeholders] in flyway.toml), or FLYWAY_PLACEHOLDERS_"
                + name.toUpperCase(Locale.ROOT) + "=<value> (in a Spring Boot project spring.flyway.placeholders."
                + name + ")";
    }

    private static String text(ScriptPart part) {
        try {
            return part.text();
        } catch (RuntimeException e) {
            return ""; // a script that cannot be read is the history reader's to report
        }
    }

    private static String fileName(String display) {
        return display.substring(display.lastIndexOf('/') + 1);
    }

    /** A repeatable migration or an SQL callback, under the history's names. */
    private static boolean isOtherScript(String fileName, FlywayNames names) {
        if (names.isDefault()) {
            return OTHER_SCRIPTS.matcher(fileName).matches();
        }
        if (names.parse(fileName).filter(p -> p.kind() == FlywayNames.Kind.REPEATABLE).isPresent()) {
            return true;
        }
        String lower = fileName.toLowerCase(Locale.ROOT);
        return names.suffixes().stream().filter(suffix -> lower.endsWith(suffix.toLowerCase(Locale.ROOT))).findFirst()
                .map(suffix -> fileName.substring(0, fileName.length() - suffix.length())
                        .matches("(before|after)[A-Za-z]*(" + Pattern.quote(names.separator()) + ".*)?"))
                .orElse(false);
    }

    /** The location's SQL files by file name (Flyway's names are unique within a location). */
    private static Map<String, Path> scripts(Path folder, FlywayNames names) {
        Map<String, Path> scripts = new LinkedHashMap<>();
        if (folder == null || !Files.isDirectory(folder)) {
            return scripts;
        }
        try (Stream<Path> files = Files.walk(folder, 8)) {
            files.filter(p -> names.isDefault() ? p.getFileName().toString().endsWith(".sql")
                            : names.suffixes().stream().anyMatch(suffix -> p.getFileName().toString().toLowerCase(Locale.ROOT)
                                    .endsWith(suffix.toLowerCase(Locale.ROOT))))
                    .filter(Files::isRegularFile).sorted()
                    .forEach(p -> scripts.putIfAbsent(p.getFileName().toString(), p));
        } catch (IOException | UncheckedIOException e) {
            // an unreadable folder is the history reader's to report
        }
        return scripts;
    }
}
