package io.github.migrationtest.junit;

import io.github.migrationtest.verifier.source.Revision;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Finds a revision by the id a user types: exactly as written, or by number ({@code 4} for {@code 0004}). */
final class RevisionIds {

    private RevisionIds() {
    }

    /** The index of the revision, or empty. */
    static OptionalInt indexOf(List<Revision> revisions, String id) {
        OptionalInt exact = IntStream.range(0, revisions.size())
                .filter(i -> revisions.get(i).id().equals(id)).findFirst();
        if (exact.isPresent()) {
            return exact;
        }
        String wanted = numeric(id);
        return IntStream.range(0, revisions.size())
                .filter(i -> numeric(revisions.get(i).id()).equals(wanted)).findFirst();
    }

    /** The ids for a message, e.g. {@code 0001, 0002, 0003}. */
    static String list(List<Revision> revisions) {
        return revisions.isEmpty() ? "(none)" : revisions.stream().map(Revision::id).collect(Collectors.joining(", "));
    }

    /** Leading zeros dropped from each dotted part: {@code 0004} and {@code 4} are the same version. */
    private static String numeric(String id) {
        String[] parts = id.split("[._]", -1);
        StringBuilder out = new StringBuilder();
        for (String part : parts) {
            if (out.length() > 0) {
                out.append('.');
            }
            String stripped = part.replaceFirst("^0+(?=.)", "");
            out.append(stripped);
        }
        return out.toString();
    }
}
