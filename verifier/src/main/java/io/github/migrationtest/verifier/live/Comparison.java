package io.github.migrationtest.verifier.live;

import io.github.migrationtest.verifier.report.ProposedMigration;
import io.github.migrationtest.verifier.report.ReportedDifference;
import java.util.List;

/**
 * The live schema compared with a schema it should have (a revision's, or the model's).
 *
 * @param expected what it was compared with: {@code revision 0002 (name index)}, {@code snapshot file schema.snapshot}
 * @param differences path, kind, expected and actual of each difference (report-only ones too)
 * @param fix the SQL that would bring the live database in line with {@code expected}; never run by migrationtest
 */
public record Comparison(String expected, List<ReportedDifference> differences, ProposedMigration fix) {

    public Comparison {
        differences = List.copyOf(differences);
    }

    /** Whether the live schema differs in a way that counts (column order alone does not, unless strict). */
    public boolean differs() {
        return differences.stream().anyMatch(d -> !d.reportOnly());
    }
}
