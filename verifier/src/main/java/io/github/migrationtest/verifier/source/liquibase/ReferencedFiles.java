package io.github.migrationtest.verifier.source.liquibase;

import io.github.migrationtest.verifier.source.HistoryFinding;
import io.github.migrationtest.verifier.source.HistoryFinding.Kind;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import liquibase.change.Change;
import liquibase.changelog.ChangeSet;

/**
 * The files changesets read beside their changelog (an {@code sqlFile}'s SQL, a {@code loadData}'s CSV, a
 * {@code createProcedure}'s body), in their changes and their rollbacks, that no folder of the search path holds.
 * Said when the history is read, naming the changeset: Liquibase only says so when it first needs the file, and
 * for an {@code sqlFile} that is the first update of any changeset, which a walk would blame on its first revision.
 */
final class ReferencedFiles {

    private ReferencedFiles() {
    }

    /** Must run inside the Liquibase scope that holds the resource accessor (a change reads its file through it). */
    static List<HistoryFinding> missing(List<ChangeSet> changeSets, Function<String, String> display) {
        List<HistoryFinding> findings = new ArrayList<>();
        for (ChangeSet changeSet : changeSets) {
            List<Change> changes = new ArrayList<>(changeSet.getChanges());
            changes.addAll(changeSet.getRollback().getChanges());
            Set<String> missing = new LinkedHashSet<>();
            for (Change change : changes) {
                missingFile(change).ifPresent(missing::add);
            }
            for (String file : missing) {
                findings.add(HistoryFinding.error(Kind.INVALID_CHANGELOG, display.apply(ChangelogReader.physicalPath(changeSet)),
                        "changeset " + ChangelogReader.key(changeSet) + " needs " + file,
                        "add the file, or give the folder that holds it with --search-path (key"
                                + " migrationtest.liquibase.searchPath)"));
            }
        }
        return findings;
    }

    /** The file the change reads and cannot find, as Liquibase names it ({@link LiquibaseErrors#missingFile}). */
    private static Optional<String> missingFile(Change change) {
        try {
            change.generateCheckSum(); // reads the file, as Liquibase does before it runs the change
            return Optional.empty();
        } catch (RuntimeException e) {
            // Anything else wrong with the change is Liquibase's to say when it runs it, as before.
            return LiquibaseErrors.missingFile(e);
        }
    }
}
