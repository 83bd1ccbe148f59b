package io.github.migrationtest.verifier.diff;

import java.util.List;

/** The differences between two snapshots, grouped by the object they concern. */
public record DiffResult(List<Difference> differences) {

    public DiffResult {
        differences = List.copyOf(differences);
    }

    /** Whether the schemas match: no differences other than report-only ones. */
    public boolean matches() {
        return failures().isEmpty();
    }

    /** Whether there is no difference at all, report-only ones included. */
    public boolean isEmpty() {
        return differences.isEmpty();
    }

    /** The differences that make the schemas not match. */
    public List<Difference> failures() {
        return differences.stream().filter(d -> !d.reportOnly()).toList();
    }

    /**
     * One line per difference, a blank line between objects:
     * <pre>
     * public.users.email: type character varying(255) -> text
     * public.users_email_idx: unexpected index: CREATE INDEX users_email_idx ON public.users USING btree (email)
     * </pre>
     */
    public String render() {
        StringBuilder out = new StringBuilder();
        String group = null;
        for (Difference difference : differences) {
            if (group != null && !group.equals(difference.group())) {
                out.append('\n');
            }
            group = difference.group();
            out.append(difference.describe()).append('\n');
        }
        return out.toString();
    }
}
