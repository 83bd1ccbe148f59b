package io.github.migrationtest.verifier.source.sql;

import io.github.migrationtest.verifier.source.HistoryFinding;
import io.github.migrationtest.verifier.source.HistoryFinding.Kind;
import io.github.migrationtest.verifier.source.script.ScriptSource;
import io.github.migrationtest.verifier.source.script.SqlScript;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The two sections of a dbmate migration: {@code -- migrate:up} and {@code -- migrate:down}, each
 * marker optionally followed by {@code transaction:false}. An empty section is a no-op step, as
 * dbmate runs it; a file without a down marker has no downgrade.
 */
final class DbmateSections {

    private static final Pattern MARKER = Pattern.compile("(?m)^--\\s*migrate:(up|down)\\b([^\\n]*)$");

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

    static ScriptPartsReader.Parts read(NamedFile file, ScriptSource text, CommentLines comments,
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
            throw new IllegalStateException(file.display() + " was listed as a dbmate file without its up marker");
        }
        // An empty section is a no-op step, as dbmate runs it: nothing but the bookkeeping.
        ScriptPart upPart = section(file, text, up, down);
        if (down == null) {
            findings.add(HistoryFinding.warning(Kind.MISSING_DOWNGRADE, file.display(),
                    "has no '-- migrate:down' section", "add one, or declare the revision irreversible"));
            return new ScriptPartsReader.Parts(Optional.of(upPart), Optional.empty());
        }
        ScriptPart downPart = section(file, text, down, up);
        return new ScriptPartsReader.Parts(Optional.of(upPart), Optional.of(downPart));
    }

    /** The text after a marker, up to the other marker when that follows, else to the end. */
    private static ScriptPart section(NamedFile file, ScriptSource text, Marker marker, Marker other) {
        int to = other != null && other.start() > marker.start() ? other.start() : SqlScript.TO_END;
        String outside = marker.noTransaction() ? file.display() + " asks for transaction:false" : "";
        return new ScriptPart(file.display(), text, marker.end(), to, outside);
    }
}
