package io.github.migrationtest.verifier;

import io.github.migrationtest.verifier.source.Revision;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Which revisions are round-tripped, and why the others are not: floor, irreversible, skipped. */
final class RevisionPolicy {

    private final int floorIndex;
    private final VerifierOptions options;

    RevisionPolicy(List<Revision> revisions, VerifierOptions options) {
        this.options = options;
        List<String> known = revisions.stream().map(Revision::id).toList();
        options.floor().ifPresent(floor -> requireKnown(known, "floor (minimum downgrade revision)", List.of(floor)));
        requireKnown(known, "irreversible", options.irreversible().keySet());
        requireKnown(known, "skipped", options.skipped());
        this.floorIndex = options.floor().map(known::indexOf).orElse(0);
    }

    private static void requireKnown(List<String> known, String option, Collection<String> ids) {
        for (String id : ids) {
            if (!known.contains(id)) {
                throw new IllegalArgumentException(String.format(
                        "Revision '%s' given as %s is not a revision of this history. Known: %s", id, option, known));
            }
        }
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
