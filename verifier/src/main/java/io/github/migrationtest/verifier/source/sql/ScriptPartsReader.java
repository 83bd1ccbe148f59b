package io.github.migrationtest.verifier.source.sql;

import io.github.migrationtest.verifier.source.HistoryFinding;
import io.github.migrationtest.verifier.source.HistoryFinding.Kind;
import io.github.migrationtest.verifier.source.script.ScriptText;
import io.github.migrationtest.verifier.source.sql.NamedFile.Role;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the SQL a file contributes, reporting empty, non-UTF-8 and unreadable files as findings. */
final class ScriptPartsReader {

    private static final Pattern DBMATE_MARKER = Pattern.compile("(?m)^--\\s*migrate:(up|down)\\b([^\\n]*)$");

    /** The upgrade and (for dbmate) downgrade SQL of one file. */
    record Parts(Optional<ScriptPart> up, Optional<ScriptPart> down) {}

    private final List<HistoryFinding> findings;
    // A file named like a dbmate migration is read to tell whether it is one, and its SQL is needed
    // later: each file is read once.
    private final Map<Path, ScriptText.Read> reads = new HashMap<>();

    ScriptPartsReader(List<HistoryFinding> findings) {
        this.findings = findings;
    }

    /**
     * Whether a file named like a dbmate migration has its up marker, reporting it when not; one
     * that cannot be read counts as dbmate, to be reported when its SQL is read.
     */
    boolean isDbmate(NamedFile file) {
        if (read(file.path()) instanceof ScriptText.Text text && !DBMATE_MARKER.matcher(text.text()).find()) {
            findings.add(HistoryFinding.error(Kind.UNRECOGNISED_NAME, file.display(),
                    "fits no naming convention (it has no '-- migrate:up' section, so it is not a dbmate file)",
                    "add '-- migrate:up' and '-- migrate:down' sections, or name it " + Convention.GOLANG_MIGRATE.example()));
            return false;
        }
        return true;
    }

    private ScriptText.Read read(Path file) {
        return reads.computeIfAbsent(file, ScriptText::read);
    }

    /** The upgrade SQL, or empty when the file cannot be used (already reported). */
    Optional<Parts> upgrade(NamedFile file) {
        if (file.role() == Role.JAVA_UP) {
            return Optional.of(new Parts(Optional.empty(), Optional.empty()));
        }
        Optional<String> text = text(file);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        if (file.role() == Role.UP_AND_DOWN) {
            return dbmateSections(file, text.get());
        }
        return Optional.of(new Parts(Optional.of(ScriptPart.whole(file.display(), text.get())), Optional.empty()));
    }

    /** The downgrade SQL, or empty when the file cannot be used (already reported). */
    Optional<ScriptPart> downgrade(NamedFile file) {
        return text(file).map(t -> ScriptPart.whole(file.display(), t));
    }

    private Optional<String> text(NamedFile file) {
        ScriptText.Read read = read(file.path());
        if (read instanceof ScriptText.NotUtf8 bad) {
            findings.add(HistoryFinding.error(Kind.NOT_UTF8, file.display(),
                    "is not UTF-8 (invalid byte at offset " + bad.offset() + ")", "re-save it as UTF-8"));
            return Optional.empty();
        }
        if (read instanceof ScriptText.Unreadable unreadable) {
            findings.add(HistoryFinding.error(Kind.UNREADABLE, file.display(),
                    "cannot be read (" + unreadable.reason() + ")", "check its permissions"));
            return Optional.empty();
        }
        ScriptText.Text text = (ScriptText.Text) read;
        if (text.isBlank()) {
            findings.add(HistoryFinding.error(Kind.EMPTY_FILE, file.display(), "is empty",
                    "write the migration, or delete the file"));
            return Optional.empty();
        }
        return Optional.of(text.text());
    }

    /** A dbmate section: where its marker line starts and ends, and the marker's options. */
    private record Marker(int start, int end, String options) {
        boolean noTransaction() {
            return options.contains("transaction:false");
        }
    }

    private Optional<Parts> dbmateSections(NamedFile file, String text) {
        Marker up = null;
        Marker down = null;
        Matcher matcher = DBMATE_MARKER.matcher(text);
        while (matcher.find()) {
            Marker marker = new Marker(matcher.start(), matcher.end(), matcher.group(2));
            if (matcher.group(1).equals("up") && up == null) {
                up = marker;
            } else if (matcher.group(1).equals("down") && down == null) {
                down = marker;
            }
        }
        if (up == null) {
            throw new IllegalStateException(file.display() + " was listed as a dbmate file without its up marker");
        }
        ScriptPart upPart = section(file, text, up, down);
        if (text.substring(upPart.from(), upPart.to()).isBlank()) {
            findings.add(HistoryFinding.error(Kind.EMPTY_FILE, file.display(), "has an empty '-- migrate:up' section",
                    "write the migration, or delete the file"));
            return Optional.empty();
        }
        if (down == null) {
            findings.add(HistoryFinding.warning(Kind.MISSING_DOWNGRADE, file.display(),
                    "has no '-- migrate:down' section", "add one, or declare the revision irreversible"));
            return Optional.of(new Parts(Optional.of(upPart), Optional.empty()));
        }
        ScriptPart downPart = section(file, text, down, up);
        if (text.substring(downPart.from(), downPart.to()).isBlank()) {
            findings.add(HistoryFinding.warning(Kind.MISSING_DOWNGRADE, file.display(),
                    "has an empty '-- migrate:down' section", "write the downgrade, or declare the revision irreversible"));
            return Optional.of(new Parts(Optional.of(upPart), Optional.empty()));
        }
        return Optional.of(new Parts(Optional.of(upPart), Optional.of(downPart)));
    }

    /** The text after a marker, up to the other marker when that follows, else to the end. */
    private static ScriptPart section(NamedFile file, String text, Marker marker, Marker other) {
        int to = other != null && other.start() > marker.start() ? other.start() : text.length();
        String outside = marker.noTransaction() ? file.display() + " asks for transaction:false" : "";
        return new ScriptPart(file.display(), text, marker.end(), to, outside);
    }
}
