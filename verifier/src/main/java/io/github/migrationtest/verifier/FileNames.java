package io.github.migrationtest.verifier;

import io.github.migrationtest.verifier.source.HistoryFinding;
import io.github.migrationtest.verifier.source.HistoryFinding.Kind;
import io.github.migrationtest.verifier.source.Revision;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** A team's convention for migration file names, checked for every source's files as part of {@code HISTORY_IS_LINEAR}. */
final class FileNames {

    private FileNames() {
    }

    /** One error per file of the revisions whose name (not its folder) does not match the pattern whole. */
    static List<HistoryFinding> notMatching(List<Revision> revisions, Pattern pattern) {
        Set<String> files = new LinkedHashSet<>();
        revisions.forEach(revision -> files.addAll(revision.files()));
        return files.stream()
                .filter(file -> !pattern.matcher(name(file)).matches())
                .map(file -> HistoryFinding.error(Kind.UNRECOGNISED_NAME, file,
                        "the name does not follow the project's convention " + pattern.pattern(),
                        "rename it to match " + pattern.pattern() + " (--file-name-pattern)"))
                .toList();
    }

    private static String name(String file) {
        Path name = Path.of(file).getFileName();
        return name == null ? file : name.toString();
    }
}
