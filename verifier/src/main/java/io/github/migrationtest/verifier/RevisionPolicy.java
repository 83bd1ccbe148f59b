package io.github.migrationtest.verifier;

import io.github.migrationtest.verifier.source.Revision;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Which revisions are round-tripped, and why the others are not: floor, irreversible, skipped. */
final class RevisionPolicy {

    private final List<Revision> revisions;
    private final int floorIndex;
    private final Map<Integer, String> irreversible = new HashMap<>();
    private final Set<Integer> skipped = new HashSet<>();

    /** Finds each revision the options name as {@link RevisionIds} does, so they take the ids startAt takes. */
    RevisionPolicy(List<Revision> revisions, VerifierOptions options) {
        this.revisions = revisions;
        this.floorIndex = options.floor().map(floor -> indexOf("floor (minimum downgrade revision)", floor)).orElse(0);
        options.irreversible().forEach((id, reason) -> irreversible.put(indexOf("irreversible", id), reason));
        options.skipped().forEach(id -> skipped.add(indexOf("skipped", id)));
    }

    private int indexOf(String option, String id) {
        return RevisionIds.indexOf(revisions, id).orElseThrow(() -> new IllegalArgumentException(String.format(
                "Revision '%s' given as %s is not a revision of this history. Known: %s", id, option,
                revisions.stream().map(Revision::id).toList())));
    }

    /** Why the revision at {@code index} is not round-tripped; empty when it is. */
    Optional<String> skipReason(int index) {
        if (skipped.contains(index)) {
            return Optional.of("skipped by configuration");
        }
        if (index < floorIndex) {
            return Optional.of("below the floor (minimum downgrade revision " + revisions.get(floorIndex).id() + ")");
        }
        return Optional.ofNullable(irreversible.get(index)).map(reason -> "declared irreversible: " + reason)
                .or(() -> revisions.get(index).oneWay());
    }
}
