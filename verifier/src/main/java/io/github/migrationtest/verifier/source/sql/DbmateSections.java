package io.github.migrationtest.verifier.source.sql;

import io.github.migrationtest.verifier.source.HistoryFinding;
import io.github.migrationtest.verifier.source.HistoryFinding.Kind;
import io.github.migrationtest.verifier.source.script.ScriptSource;
import io.github.migrationtest.verifier.source.script.SqlScript;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
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

    /** A dbmate section: where its marker line starts and ends, its line, and the marker's options. */
    private record Marker(int start, int end, int line, String options) {
        boolean noTransaction() {
            return options.contains("transaction:false");
        }
    }

    /** The file's sections; empty when it has no up marker (reported: dbmate refuses the file). */
    static Optional<ScriptPartsReader.Parts> read(NamedFile file, ScriptSource text, CommentLines comments,
            List<HistoryFinding> findings) {
        Marker up = null;
        Marker down = null;
        List<Marker> laterUps = new ArrayList<>();
        List<Marker> laterDowns = new ArrayList<>();
        for (CommentLines.Line line : comments.lines()) {
            Matcher matcher = MARKER.matcher(line.text());
            if (!matcher.find()) {
                continue;
            }
            Marker marker = new Marker(line.offset() + matcher.start(), line.offset() + matcher.end(), line.number(),
                    matcher.group(2));
            if (matcher.group(1).equals("up")) {
                if (up == null) {
                    up = marker;
                } else {
                    laterUps.add(marker);
                }
            } else if (down == null) {
                down = marker;
            } else {
                laterDowns.add(marker);
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
        if (up.start() < down.start()) {
            reportLaterMarkers(file, up, down, laterUps, laterDowns, findings);
        }
        ScriptPart downPart = section(file, text, down, up);
        return Optional.of(new ScriptPartsReader.Parts(Optional.of(upPart), Optional.of(downPart)));
    }

    /**
     * dbmate's sections run from the first up marker to the first down marker, and from there to the end
     * ({@code parseMigrationContents} looks for the first match of each): a later marker is a plain comment inside
     * whichever section holds it, and its options are not read. dbmate runs such a file without a word, and so does
     * the walk; a warning says where the SQL after the marker really runs.
     */
    private static void reportLaterMarkers(NamedFile file, Marker up, Marker down, List<Marker> laterUps,
                                           List<Marker> laterDowns, List<HistoryFinding> findings) {
        for (Marker later : laterUps) {
            String where = file.display() + ":" + later.line();
            if (later.start() > down.start()) {
                findings.add(HistoryFinding.warning(Kind.MALFORMED_MIGRATION, where, "is a second '-- migrate:up', after"
                        + " the '-- migrate:down' of line " + down.line() + ": dbmate reads only the first of each marker,"
                        + " so to it this line is a comment and the SQL after it belongs to the down section, which"
                        + " runs it on rollback (and so does the walk)", "move that SQL into the up section (lines "
                        + up.line() + " to " + down.line() + ") and delete this line"));
            } else {
                findings.add(laterMarkerIsAComment(where, "up", later, up));
            }
        }
        for (Marker later : laterDowns) {
            findings.add(laterMarkerIsAComment(file.display() + ":" + later.line(), "down", later, down));
        }
    }

    /** A later marker inside the section of the first marker of its kind: harmless but for options it carries. */
    private static HistoryFinding laterMarkerIsAComment(String where, String kind, Marker later, Marker first) {
        boolean options = !later.options().isBlank();
        return HistoryFinding.warning(Kind.MALFORMED_MIGRATION, where, "is a second '-- migrate:" + kind + "': dbmate"
                + " reads only the first of each marker, so to it this line is a comment inside the " + kind + " section"
                + " of line " + first.line() + (options ? ", and its options (" + later.options().strip() + ") are not"
                + " read" : ""), "delete this line" + (options ? " and put its options on line " + first.line() : ""));
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
