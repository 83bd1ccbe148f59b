package io.github.migrationtest.verifier.source.sql;

import io.github.migrationtest.verifier.source.HistoryFinding;
import io.github.migrationtest.verifier.source.HistoryFinding.Kind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * dbmate's versions are the leading digits of a file's name ({@code ^(\d+).*\.sql$}), and it records only them: two
 * files with the same digits ({@code 1-a.sql}, {@code 1_b.sql}) are two migrations of one version. dbmate sorts files
 * by name and runs the first; the second's row is then a duplicate of {@code schema_migrations}' primary key, so on a
 * new database {@code dbmate up} fails there, and where the version is recorded dbmate counts the second file as
 * applied and never runs it. So the later file of each version is an error, and left out of the walk.
 */
final class DbmateVersions {

    private DbmateVersions() {}

    /** The files of {@code files} that dbmate runs, the first by name of each version; the others reported. */
    static List<NamedFile> firstOfEachVersion(List<NamedFile> files, List<HistoryFinding> findings) {
        Map<String, List<NamedFile>> byVersion = new LinkedHashMap<>();
        files.stream().sorted(Comparator.comparing(DbmateVersions::fileName))
                .forEach(file -> byVersion.computeIfAbsent(file.version().raw(), v -> new ArrayList<>()).add(file));
        List<NamedFile> kept = new ArrayList<>();
        byVersion.forEach((version, same) -> {
            NamedFile first = same.get(0);
            kept.add(first);
            for (NamedFile later : same.subList(1, same.size())) {
                findings.add(HistoryFinding.error(Kind.DUPLICATE_VERSION, later.display(), "has the same version ("
                        + version + ") as " + first.display() + ", which dbmate runs first (it sorts files by name and"
                        + " records only the leading digits): on a new database dbmate then fails at this file (duplicate"
                        + " key in schema_migrations), and where version " + version + " is recorded it takes this file"
                        + " for applied and never runs it; it is left out here",
                        "give it a version no other file has, in its name's leading digits (dbmate new uses the time,"
                                + " yyyymmddhhmmss), so that it sorts where it is to run"));
            }
        });
        return kept;
    }

    /** dbmate compares file names as Go compares strings, by their bytes; names of digits and ASCII sort alike here. */
    private static String fileName(NamedFile file) {
        return file.path().getFileName().toString();
    }
}
