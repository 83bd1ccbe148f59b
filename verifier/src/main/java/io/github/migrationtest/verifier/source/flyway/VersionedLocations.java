package io.github.migrationtest.verifier.source.flyway;

import io.github.migrationtest.verifier.source.HistoryFinding;
import io.github.migrationtest.verifier.source.HistoryFinding.Kind;
import io.github.migrationtest.verifier.source.sql.PlannedRevision;
import io.github.migrationtest.verifier.source.sql.SqlHistory;
import io.github.migrationtest.verifier.source.sql.Version;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Flyway's versions from all its locations as one history: Flyway merges every location's migrations and applies them
 * in version order (Spring Boot's {@code db/migration/common} beside {@code db/migration/{vendor}} or a profile's
 * folder). Two migrations of one version, in any locations, Flyway refuses ("Found more than one migration with
 * version"), and so does this, naming both.
 */
final class VersionedLocations {

    private VersionedLocations() {
    }

    /** The histories of the locations that hold versions, the main one first, merged in version order. */
    static SqlHistory merged(List<SqlHistory> histories) {
        if (histories.size() == 1) {
            return histories.get(0);
        }
        List<HistoryFinding> findings = new ArrayList<>();
        Map<Version, PlannedRevision> byVersion = new LinkedHashMap<>();
        for (SqlHistory history : histories) {
            findings.addAll(history.findings());
            for (PlannedRevision revision : history.revisions()) {
                Version version = versionOf(revision);
                PlannedRevision first = byVersion.putIfAbsent(version, revision);
                if (first != null) {
                    findings.add(HistoryFinding.error(Kind.DUPLICATE_VERSION, fileOf(revision), "has the same version ("
                            + revision.revision().id() + ") as " + fileOf(first) + ", in another of Flyway's locations,"
                            + " which Flyway refuses (\"Found more than one migration with version\")",
                            "give each migration its own version; only " + fileOf(first) + " is used"));
                }
            }
        }
        List<PlannedRevision> revisions = new ArrayList<>(byVersion.values());
        revisions.sort(Comparator.comparing(VersionedLocations::versionOf));
        return new SqlHistory(revisions, findings, histories.get(0).convention());
    }

    /** The revision's version as Flyway compares it; an id that is no version (none expected) compares as text. */
    private static Version versionOf(PlannedRevision revision) {
        String id = revision.revision().id();
        return Version.isVersion(id) ? Version.parse(id) : Version.textual(id, id);
    }

    private static String fileOf(PlannedRevision revision) {
        List<String> files = revision.revision().files();
        return files.isEmpty() ? revision.revision().id() : files.get(0);
    }
}
