package io.github.migrationtest.verifier;

import io.github.migrationtest.verifier.source.Revision;
import io.github.migrationtest.verifier.source.sql.Version;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.IntPredicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Finds a revision by the id a user types: exactly as written, or as the same version the way the
 * history reader compares them ({@code 4} for {@code 0004}, {@code 1.1} for {@code 1_1}). Every
 * option that names a revision (floor, irreversible, skipped, where to start or migrate to) finds it
 * this way, so that one spelling works everywhere.
 */
public final class RevisionIds {

    private RevisionIds() {
    }

    /** The index of the revision, or empty. */
    public static OptionalInt indexOf(List<Revision> revisions, String id) {
        OptionalInt exact = first(revisions, i -> revisions.get(i).id().equals(id));
        if (exact.isPresent() || !Version.isVersion(id)) {
            return exact;
        }
        Version wanted = Version.parse(id);
        return first(revisions, i -> Version.isVersion(revisions.get(i).id())
                && Version.parse(revisions.get(i).id()).equals(wanted));
    }

    /** The ids for a message, e.g. {@code 0001, 0002, 0003}. */
    public static String list(List<Revision> revisions) {
        return revisions.isEmpty() ? "(none)" : revisions.stream().map(Revision::id).collect(Collectors.joining(", "));
    }

    private static OptionalInt first(List<Revision> revisions, IntPredicate matches) {
        return IntStream.range(0, revisions.size()).filter(matches).findFirst();
    }
}
