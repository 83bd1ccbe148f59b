package io.github.migrationtest.verifier.live;

import io.github.migrationtest.verifier.RevisionIds;
import io.github.migrationtest.verifier.live.AppliedVersions.Applied;
import io.github.migrationtest.verifier.source.Revision;
import io.github.migrationtest.verifier.source.sql.Version;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.IntStream;

/**
 * Where a live database stands in a history, by its tool's table: the last revision applied, the
 * revisions never applied (pending), and applied versions the history does not have.
 *
 * @param current the index of the last applied revision in history order; -1 when none is
 * @param pending revisions the history has that were never applied, in history order
 * @param unknown applied versions that no revision of the history has
 */
public record HistoryPosition(int current, List<Revision> pending, List<String> unknown) {

    public HistoryPosition {
        pending = List.copyOf(pending);
        unknown = List.copyOf(unknown);
    }

    /** Matches each applied version with a revision: by id, as the same version (0001 and 1), or without dashes (diesel's). */
    static HistoryPosition locate(List<Revision> revisions, AppliedVersions versions) {
        BitSet applied = new BitSet(revisions.size());
        List<String> unknown = new ArrayList<>();
        for (Applied version : versions.applied()) {
            OptionalInt index = indexOf(revisions, version);
            if (index.isEmpty()) {
                unknown.add(version.version());
                if (version.upTo()) {
                    // golang-migrate's one row names a version the history lacks: those before it were applied.
                    IntStream.range(0, revisions.size()).filter(i -> isBefore(revisions.get(i), version.version()))
                            .forEach(applied::set);
                }
            } else if (version.upTo()) {
                applied.set(0, index.getAsInt() + 1);
            } else {
                applied.set(index.getAsInt());
            }
        }
        int current = applied.length() - 1;
        List<Revision> pending = IntStream.range(0, revisions.size()).filter(i -> !applied.get(i))
                .mapToObj(revisions::get).toList();
        return new HistoryPosition(current, pending, unknown);
    }

    private static OptionalInt indexOf(List<Revision> revisions, Applied version) {
        for (String name : version.names()) {
            OptionalInt index = RevisionIds.indexOf(revisions, name);
            if (index.isPresent()) {
                return index;
            }
        }
        // diesel records 2017-08-31-230457 as 20170831230457.
        String bare = version.version().replace("-", "");
        return IntStream.range(0, revisions.size())
                .filter(i -> revisions.get(i).id().replace("-", "").equals(bare)).findFirst();
    }

    private static boolean isBefore(Revision revision, String version) {
        return Version.isVersion(revision.id()) && Version.isVersion(version)
                && Version.parse(revision.id()).compareTo(Version.parse(version)) < 0;
    }

    /** Pending revisions before the current one: skipped, though later ones were applied. */
    public List<Revision> skipped(List<Revision> revisions) {
        return pending.stream().filter(r -> revisions.indexOf(r) < current).toList();
    }
}
