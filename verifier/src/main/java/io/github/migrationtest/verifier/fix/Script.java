package io.github.migrationtest.verifier.fix;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The statements of one direction, collected in any order and written out phase by phase. Within a
 * phase they go by rank (views: by how deep they stack on other views), then in the order they
 * were added.
 */
final class Script {
    private record Statement(Phase phase, int rank, List<String> notes, String sql) {
    }

    private static final Comparator<Statement> ORDER = Comparator.comparing(Statement::phase)
            .thenComparingInt(Statement::rank);

    private final List<Statement> statements = new ArrayList<>();

    /**
     * Adds a statement, with comment lines above it such as a {@code -- drops data:} warning; the
     * terminating semicolon is added here.
     */
    void add(Phase phase, int rank, List<String> notes, String sql) {
        statements.add(new Statement(phase, rank, List.copyOf(notes), sql));
    }

    /** Whether some statement starts with one of these texts, e.g. {@code CREATE FUNCTION}. */
    boolean anyStartsWith(String... prefixes) {
        return statements.stream().anyMatch(s -> List.of(prefixes).stream().anyMatch(s.sql()::startsWith));
    }

    /** Whether a statement carries a comment line that starts with {@code prefix}. */
    boolean hasNote(String prefix) {
        return statements.stream().anyMatch(s -> s.notes().stream().anyMatch(n -> n.startsWith(prefix)));
    }

    boolean isEmpty() {
        return statements.isEmpty();
    }

    /** The script: the header lines as comments, then the statements, a blank line between phases. */
    String render(List<String> header) {
        StringBuilder out = new StringBuilder();
        header.forEach(line -> out.append(line.isEmpty() ? "--" : "-- " + line).append('\n'));
        Phase previous = null;
        for (Statement statement : statements.stream().sorted(ORDER).toList()) {
            if (statement.phase() != previous) {
                out.append('\n');
                previous = statement.phase();
            }
            statement.notes().forEach(note -> out.append("-- ").append(note).append('\n'));
            out.append(statement.sql()).append(";\n");
        }
        return out.toString();
    }
}
