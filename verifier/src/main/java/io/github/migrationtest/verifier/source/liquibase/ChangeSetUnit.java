package io.github.migrationtest.verifier.source.liquibase;

import io.github.migrationtest.verifier.source.Revision;
import java.util.List;
import liquibase.changelog.DatabaseChangeLog;

/**
 * A revision and the changesets behind it: one changeset, or (by tag) all up to a tag.
 *
 * @param revision what callers see
 * @param changeSets the changesets, in order, as {@code id} and {@code author}
 * @param file the changelog file the revision's first changeset is in, as Liquibase names it
 * @param transactional whether every changeset runs in a transaction
 */
record ChangeSetUnit(Revision revision, List<ChangeSetKey> changeSets, String file, boolean transactional) {

    /** A changeset's identity within its file. */
    record ChangeSetKey(String id, String author, String filePath) {
        @Override
        public String toString() {
            return author + ":" + id;
        }

        /** The same changeset, however Liquibase wrote the file's path (it normalises it for DATABASECHANGELOG). */
        boolean isSameAs(ChangeSetKey other) {
            // Paths last: normalising one asks Liquibase's configuration, which is slow.
            return id.equals(other.id) && author.equals(other.author)
                    && DatabaseChangeLog.normalizePath(filePath).equals(DatabaseChangeLog.normalizePath(other.filePath));
        }
    }

    ChangeSetUnit {
        changeSets = List.copyOf(changeSets);
    }

    ChangeSetKey last() {
        return changeSets.get(changeSets.size() - 1);
    }
}
