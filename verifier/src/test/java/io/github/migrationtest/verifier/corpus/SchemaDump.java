package io.github.migrationtest.verifier.corpus;

import io.github.migrationtest.verifier.postgres.DisposableDatabase;
import io.github.migrationtest.verifier.snapshot.SnapshotOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A database's schema as {@code pg_dump --schema-only} prints it, made comparable without any of
 * the verifier's snapshot code: statements as a sorted multiset, the columns of a table as a set
 * (the verifier reports column order without failing, since Postgres cannot put a re-added column
 * back in place), and dates of this run folded in by {@code 'now'} replaced by a mark.
 */
record SchemaDump(List<String> statements) {

    private static final Pattern DOLLAR_TAG = Pattern.compile("\\$[A-Za-z_]*\\$");
    private static final Pattern DATE_LITERAL = Pattern.compile("'(\\d{4}-\\d{2}-\\d{2})[^']*'");

    /**
     * Dumps a database with the installation's own pg_dump, leaving out the tools' bookkeeping tables:
     * the well-known ones and those the history names (Alembic's {@code version_table}).
     */
    static SchemaDump of(DisposableDatabase database, LocalDate runStarted, List<String> bookkeepingTables) {
        URI url = URI.create(database.jdbcUrl().substring("jdbc:".length()));
        List<String> command = new ArrayList<>(List.of(LocalPostgres.pgDump().toString(), "--schema-only",
                "-h", url.getHost(), "-p", String.valueOf(url.getPort()), "-U", database.user()));
        SnapshotOptions.BOOKKEEPING_TABLES.forEach(table -> command.addAll(List.of("-T", table)));
        bookkeepingTables.forEach(table -> command.addAll(List.of("-T", table)));
        command.add(database.name());
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            if (database.password() != null) {
                builder.environment().put("PGPASSWORD", database.password());
            }
            Process process = builder.start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException("pg_dump failed: " + out);
            }
            return parse(out, runStarted);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static SchemaDump parse(String dump, LocalDate runStarted) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        String openTag = null;
        for (String line : dump.split("\n")) {
            if (openTag == null && (line.isBlank() || line.startsWith("--") || line.startsWith("SET ")
                    || line.startsWith("SELECT pg_catalog.set_config") || line.startsWith("\\"))) {
                continue;
            }
            current.append(line).append('\n');
            Matcher tags = DOLLAR_TAG.matcher(line);
            while (tags.find()) {
                openTag = openTag == null ? tags.group() : openTag.equals(tags.group()) ? null : openTag;
            }
            if (openTag == null && line.endsWith(";")) {
                statements.add(normalise(current.toString().strip(), runStarted));
                current.setLength(0);
            }
        }
        if (!current.isEmpty()) {
            statements.add(normalise(current.toString().strip(), runStarted));
        }
        statements.sort(null);
        return new SchemaDump(statements);
    }

    private static String normalise(String statement, LocalDate runStarted) {
        String text = foldedDates(statement, runStarted);
        if (!text.startsWith("CREATE TABLE ") || !text.endsWith(");")) {
            return text;
        }
        int open = text.indexOf("(\n");
        int close = text.lastIndexOf("\n)");
        if (open < 0 || close < open) {
            return text;
        }
        String[] columns = text.substring(open + 2, close).split("\n");
        for (int i = 0; i < columns.length; i++) {
            columns[i] = columns[i].strip().replaceAll(",$", "");
        }
        Arrays.sort(columns);
        return text.substring(0, open + 2) + String.join(",\n", columns) + text.substring(close);
    }

    /** A date literal from the day before the run started to the day after it ends was folded in by {@code 'now'}. */
    private static String foldedDates(String text, LocalDate runStarted) {
        Matcher matcher = DATE_LITERAL.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            LocalDate date = LocalDate.parse(matcher.group(1));
            boolean duringRun = !date.isBefore(runStarted.minusDays(1)) && !date.isAfter(LocalDate.now().plusDays(1));
            matcher.appendReplacement(out, Matcher.quoteReplacement(duringRun ? "'<time of the run>'" : matcher.group()));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** What one dump has that the other does not, for a failure message; empty when they are equal. */
    String differencesFrom(SchemaDump other) {
        TreeMap<String, Integer> counts = new TreeMap<>();
        statements.forEach(s -> counts.merge(s, 1, Integer::sum));
        other.statements.forEach(s -> counts.merge(s, -1, Integer::sum));
        StringBuilder text = new StringBuilder();
        counts.forEach((statement, count) -> {
            if (count != 0) {
                text.append(count > 0 ? "  only before: " : "  only after:  ").append(statement.replace("\n", " ")).append('\n');
            }
        });
        return text.toString();
    }
}
