package io.github.migrationtest.verifier.source.sql;

import io.github.migrationtest.verifier.source.HistoryFinding;
import io.github.migrationtest.verifier.source.HistoryFinding.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Files in the location that the migration tool would not run, listed as notes: one per file, except
 * other databases' files (a popx history has dozens), which get one note together.
 */
final class IgnoredFiles {

    private static final int SHOWN = 5;

    private final String location;
    private final List<HistoryFinding> notes = new ArrayList<>();
    private final List<String> otherDatabases = new ArrayList<>();
    private final List<String> inSubfolders = new ArrayList<>();
    private final TreeSet<String> databases = new TreeSet<>();

    IgnoredFiles(String location) {
        this.location = location;
    }

    void add(String file, FileNames.Ignored why) {
        if (why == FileNames.Ignored.IN_A_SUBFOLDER) {
            inSubfolders.add(file);
        } else if (why.dialect().isEmpty()) {
            notes.add(HistoryFinding.note(Kind.IGNORED_FILE, file, why.why() + ", so it is ignored"));
        } else {
            otherDatabases.add(file);
            databases.add(why.dialect());
        }
    }

    boolean hasOtherDatabases() {
        return !otherDatabases.isEmpty();
    }

    List<HistoryFinding> notes() {
        List<HistoryFinding> all = new ArrayList<>(notes);
        if (!otherDatabases.isEmpty()) {
            all.add(HistoryFinding.note(Kind.IGNORED_FILE, location, otherDatabases.size() + " file(s) for other databases ("
                    + String.join(", ", databases) + ") are not run on Postgres: " + some(otherDatabases)));
        }
        if (!inSubfolders.isEmpty()) {
            all.add(HistoryFinding.note(Kind.IGNORED_FILE, location, inSubfolders.size() + " file(s) in subfolders are not"
                    + " read, as golang-migrate, sqlx, goose and dbmate read only the files of the folder they are given: "
                    + some(inSubfolders)));
        }
        return all;
    }

    /** The first few of a list, and how many more. */
    static String some(List<String> items) {
        String shown = String.join(", ", items.subList(0, Math.min(SHOWN, items.size())));
        return items.size() > SHOWN ? shown + " and " + (items.size() - SHOWN) + " more" : shown;
    }
}
