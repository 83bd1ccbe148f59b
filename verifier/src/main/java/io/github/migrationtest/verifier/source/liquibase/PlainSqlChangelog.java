package io.github.migrationtest.verifier.source.liquibase;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import liquibase.changelog.ChangeSet;

/**
 * A {@code .sql} changelog that is not formatted SQL: Liquibase takes a {@code .sql} file as formatted SQL only when its
 * first line that is not blank says {@code --liquibase formatted sql}, and otherwise as plain SQL, one changeset
 * ({@code raw} by {@code includeAll}) of the whole file, run as written: no {@code ${...}} replaced, no rollback, its
 * {@code --changeset} and {@code --rollback} lines mere comments. A licence header above the line does that.
 */
final class PlainSqlChangelog {

    private static final Pattern HEADER = Pattern.compile("(?i)--\\s*liquibase formatted.*");

    private PlainSqlChangelog() {
    }

    /** Whether Liquibase read the changeset from a plain SQL changelog. */
    static boolean is(ChangeSet changeSet) {
        return "raw".equals(changeSet.getId()) && "includeAll".equals(changeSet.getAuthor())
                && ChangelogReader.physicalPath(changeSet).toLowerCase(Locale.ROOT).endsWith(".sql");
    }

    /**
     * Why the file ({@code file}, as shown; read for the header's line) is plain SQL: its first line is not the formatted
     * SQL header, and where the header is if it is lower. The finding names the file.
     */
    static String why(String file) {
        int header = headerLine(file);
        return "Liquibase reads the file as plain SQL, since its first line is not '--liquibase formatted sql'"
                + (header > 0 ? " (line " + header + " is)" : "");
    }

    /** How to make the file formatted SQL. */
    static String fix(String file) {
        int header = headerLine(file);
        return header > 0 ? "move '--liquibase formatted sql' from line " + header + " to the file's first line"
                : "make the file formatted SQL: '--liquibase formatted sql' as its first line, '--changeset <author>:<id>'"
                        + " before its SQL";
    }

    /** The line of a formatted SQL header below the file's first line that is not blank; 0 when there is none. */
    private static int headerLine(String file) {
        try {
            Path path = Path.of(file);
            if (!Files.isRegularFile(path)) {
                return 0;
            }
            List<String> lines = Files.readString(path, StandardCharsets.UTF_8).lines().toList();
            boolean first = true;
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (line.isEmpty()) {
                    continue;
                }
                if (!first && HEADER.matcher(line).matches()) {
                    return i + 1;
                }
                first = false;
            }
        } catch (IOException | RuntimeException e) {
            // the line is a courtesy; the reason holds without it
        }
        return 0;
    }
}
