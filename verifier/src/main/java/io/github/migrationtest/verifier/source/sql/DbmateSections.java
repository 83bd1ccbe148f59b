package io.github.migrationtest.verifier.source.sql;

import io.github.migrationtest.verifier.source.HistoryFinding;
import io.github.migrationtest.verifier.source.HistoryFinding.Kind;
import io.github.migrationtest.verifier.source.script.ScriptSource;
import io.github.migrationtest.verifier.source.script.SqlScript;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The two sections of a dbmate migration: {@code -- migrate:up} and {@code -- migrate:down}, each
 * marker optionally followed by {@code transaction:false}. An empty section is a no-op step, as
 * dbmate runs it. A file dbmate refuses to parse (no down marker, down before up, SQL before up) is an error.
 */
final class DbmateSections {

    /**
     * dbmate's {@code ^--\s*migrate:up(\s*$|\s+\S+)}: the word ends the line or a space follows it, so
     * {@code -- migrate:up:x} or {@code -- migrate:upgrade} is a plain comment to dbmate, not a marker.
     */
    private static final Pattern MARKER = Pattern.compile("(?m)^--\\s*migrate:(up|down)(?=\\s|$)([^\\n]*)$");

    private DbmateSections() {}

    /** Whether the file has a dbmate section marker. */
    static boolean isDbmate(CommentLines comments) {
        return comments.lines().stream().anyMatch(line -> MARKER.matcher(line.text()).find());
    }

    /** A dbmate section: where its marker line starts and ends, and the marker's options. */
    private record Marker(int start, int end, String options) {
        boolean noTransaction() {
            return options.contains("transaction:false");
        }
    }

    /** The file's sections; empty when it has no up marker (reported: dbmate refuses the file). */
    static Optional<ScriptPartsReader.Parts> read(NamedFile file, ScriptSource text, CommentLines comments,
            List<HistoryFinding> findings) {
        Marker up = null;
        Marker down = null;
        for (CommentLines.Line line : comments.lines()) {
            Matcher matcher = MARKER.matcher(line.text());
            if (!matcher.find()) {
                continue;
            }
            Marker marker = new Marker(line.offset() + matcher.start(), line.offset() + matcher.end(), matcher.group(2));
            if (matcher.group(1).equals("up") && up == null) {
                up = marker;
            } else if (matcher.group(1).equals("down") && down == null) {
                down = marker;
            }
        }
        if (up == null) {
            findings.add(HistoryFinding.error(Kind.MALFORMED_MIGRATION, file.display(), "has no '-- migrate:up' marker,"
                    + " which dbmate refuses (\"dbmate requires each migration to define an up block with '-- migrate:up'\")",
                    "start the upgrade's SQL with a line '-- migrate:up' (the word alone, or followed by a space and"
                            + " options such as transaction:false)"));
            return Optional.empty();
        }
        // dbmate refuses to run such a file (its parseMigrationContents), in production too: errors, not warnings.
        if (down != null && down.start() < up.start()) {
            findings.add(HistoryFinding.error(Kind.MALFORMED_MIGRATION, file.display(), "has its '-- migrate:down'"
                    + " before its '-- migrate:up', which dbmate refuses (\"dbmate requires '-- migrate:up' to appear"
                    + " before '-- migrate:down'\")", "put the up section first"));
        } else if (down != null && statementsBefore(text, up.start())) {
            findings.add(HistoryFinding.error(Kind.MALFORMED_MIGRATION, file.display(), "has SQL before its"
                    + " '-- migrate:up', which dbmate refuses (\"dbmate does not support statements preceding the"
                    + " '-- migrate:up' block\")", "move it into the up section"));
        }
        // An empty section is a no-op step, as dbmate runs it: nothing but the bookkeeping.
        ScriptPart upPart = section(file, text, up, down);
        if (down == null) {
            findings.add(HistoryFinding.error(Kind.MISSING_DOWNGRADE, file.display(), "has no '-- migrate:down'"
                    + " section, which dbmate refuses, also to upgrade (\"dbmate requires each migration to define a"
                    + " down block with '-- migrate:down'\")", "add a '-- migrate:down' section, empty if nothing is to"
                    + " be undone"));
            return Optional.of(new ScriptPartsReader.Parts(Optional.of(upPart), Optional.empty()));
        }
        ScriptPart downPart = section(file, text, down, up);
        return Optional.of(new ScriptPartsReader.Parts(Optional.of(upPart), Optional.of(downPart)));
    }

    /** Whether a line before {@code end} is neither blank nor a comment, as dbmate's statementsPrecedeMigrateBlocks. */
    private static boolean statementsBefore(ScriptSource text, int end) {
        char[] head = new char[end];
        try (Reader reader = text.open()) {
            int read = 0;
            for (int n; read < end && (n = reader.read(head, read, end - read)) > 0; ) {
                read += n;
            }
            return new String(head, 0, read).lines().map(String::strip)
                    .anyMatch(line -> !line.isEmpty() && !line.startsWith("--"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text after a marker, up to the other marker when that follows, else to the end. */
    private static ScriptPart section(NamedFile file, ScriptSource text, Marker marker, Marker other) {
        int to = other != null && other.start() > marker.start() ? other.start() : SqlScript.TO_END;
        ScriptPart section = new ScriptPart(file.display(), text, marker.end(), to, "");
        // dbmate's transaction:false leaves out only its own transaction: it still sends the section as one query.
        return !marker.noTransaction() ? section : section.outside(file.display() + " asks for transaction:false")
                .sentAsOneQuery("dbmate sends a section as one query, which Postgres runs as one transaction"
                        + " (transaction:false leaves out only dbmate's own)");
    }
}
