package io.github.migrationtest.verifier;

import io.github.migrationtest.verifier.source.Revision;
import java.util.List;
import java.util.Optional;

/** Which revisions are round-tripped, and why the others are not: floor, irreversible, skipped. */
final class RevisionPolicy {

    private final int floorIndex;
    private final VerifierOptions options;

    RevisionPolicy(List<Revision> revisions, VerifierOptions options) {
        this.options = options;
        this.floorIndex = options.floor().map(floor -> indexOf(revisions, floor)).orElse(0);
        requireKnown(revisions, "irreversible", options.irreversible().keySet());
        requireKnown(revisions, "skipped", options.skipped());
    }

    private static void requireKnown(List<Revision> revisions, String option, java.util.Collection<String> ids) {
        List<String> known = revisions.stream().map(Revision::id).toList();
        for (String id : ids) {
            if (!known.contains(id)) {
                throw new IllegalArgumentException(String.format(
                        "Revision '%s' given as %s is not a revision of this history. Known: %s", id, option, known));
            }
        }
    }

    private static int indexOf(List<Revision> revisions, String floor) {
        for (int i = 0; i < revisions.size(); i++) {
            if (revisions.get(i).id().equals(floor)) {
                return i;
            }
        }
        throw new IllegalArgumentException(String.format(
                "Revision '%s' given as floor (minimum downgrade revision) is not a revision of this history. Known: %s",
                floor, revisions.stream().map(Revision::id).toList()));
    }

    /** Why this revision is not round-tripped; empty when it is. */
    Optional<String> skipReason(Revision revision, int index) {
        if (options.skipped().contains(revision.id())) {
            return Optional.of("skipped by configuration");
        }
        if (index < floorIndex) {
            return Optional.of("below the floor (minimum downgrade revision " + options.floor().orElseThrow() + ")");
        }
        String irreversible = options.irreversible().get(revision.id());
        if (irreversible != null) {
            return Optional.of("declared irreversible: " + irreversible);
        }
        return Optional.empty();
    }
}
