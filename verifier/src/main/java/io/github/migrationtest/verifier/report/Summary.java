package io.github.migrationtest.verifier.report;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The closing lines of a verification: a table of revisions by check, the counts and the time. */
public final class Summary {

    private Summary() {
    }

    /** A fixed-width table: one row per revision, one column per per-revision check. */
    public static String table(VerificationReport report) {
        String nl = System.lineSeparator();
        StringBuilder text = new StringBuilder();
        // The protected-schemas column only where schemas are protected, so other tables stay as they were.
        boolean protectedColumn = report.revisions().stream()
                .anyMatch(revision -> revision.result(Check.PROTECTED_SCHEMAS_UNTOUCHED).isPresent());
        String row = protectedColumn ? "%-36s %-9s %-9s %-9s %s%n" : "%-36s %-9s %-9s %-9s%n";
        text.append(String.format(row, "revision", "upgrade", "downgrade", "reupgrade", "protected"));
        for (RevisionReport revision : report.revisions()) {
            text.append(String.format(row, shortLabel(revision, 36),
                    cell(revision, Check.UPGRADES_APPLY), cell(revision, Check.DOWNGRADE_RESTORES_SCHEMA),
                    cell(revision, Check.REUPGRADE_REPRODUCES_SCHEMA), cell(revision, Check.PROTECTED_SCHEMAS_UNTOUCHED)));
        }
        for (CheckResult history : report.historyChecks()) {
            text.append(String.format("%-36s %s%n", history.check().name(), word(history.outcome())));
        }
        return text.append(counts(report)).append(nl).toString();
    }

    /** "3 passed, 1 failed, 2 skipped, 0 not reached in 4.2 s (migrations 1.1 s, snapshots 0.9 s)". */
    public static String counts(VerificationReport report) {
        Map<Outcome, Long> counts = report.counts();
        return String.format("%d passed, %d failed, %d skipped, %d not reached in %s (migration SQL %s, snapshots %s)",
                counts.get(Outcome.PASSED), counts.get(Outcome.FAILED), counts.get(Outcome.SKIPPED),
                counts.get(Outcome.NOT_REACHED), seconds(report.total()), seconds(report.migrationTime()),
                seconds(report.snapshotTime()));
    }

    /** One line per revision for progress output: "0003 (add mood)  up ok  down FAILED  reup ok  41 ms". */
    public static String line(RevisionReport revision) {
        String checks = revision.checks().values().stream()
                .map(r -> shortName(r.check()) + " " + word(r.outcome()))
                .collect(Collectors.joining("  "));
        return String.format("%-36s %s  %d ms", shortLabel(revision, 36), checks, revision.timings().total().toMillis());
    }

    static String word(Outcome outcome) {
        return switch (outcome) {
            case PASSED -> "ok";
            case FAILED -> "FAILED";
            case SKIPPED -> "skipped";
            case NOT_REACHED -> "-";
        };
    }

    private static String cell(RevisionReport revision, Check check) {
        return revision.result(check).map(r -> word(r.outcome())).orElse("");
    }

    private static String shortName(Check check) {
        return switch (check) {
            case UPGRADES_APPLY -> "up";
            case DOWNGRADE_RESTORES_SCHEMA -> "down";
            case REUPGRADE_REPRODUCES_SCHEMA -> "reup";
            case PROTECTED_SCHEMAS_UNTOUCHED -> "protected";
            default -> check.name();
        };
    }

    static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    /**
     * The revision's label in {@code width} characters. An id that does not fit keeps its end, where ids that long
     * differ (Liquibase's {@code db/changelog/v0.1/dml/2024-01-28--01-persons.sql::2::dev}: cut at the end, the rows of
     * one folder's files all read {@code db/changelog/v0.1/dml/2024-01-28--0…}). Where the end from the file's name on
     * does not fit either, it starts at the file's name: Liquibase names a changeset by its path only when one author
     * gave the same id in two files, so the ends of such ids are alike (dina-user-api's two
     * {@code 2-Add_uuid_to_user_preference_table.xml::Brandon Andre} read the same from the end).
     */
    private static String shortLabel(RevisionReport revision, int width) {
        String id = revision.id();
        if (id.length() < width) {
            return shorten(revision.label(), width);
        }
        int path = id.indexOf("::");
        int name = path > 0 ? id.lastIndexOf('/', path) + 1 : 0;
        if (path > 0 && id.length() - name > width - 1) {
            return shorten((name > 0 ? "…/" : "") + id.substring(name), width);
        }
        return "…" + id.substring(id.length() - (width - 1));
    }

    private static String shorten(String text, int width) {
        return text.length() <= width ? text : text.substring(0, width - 1) + "…";
    }
}
