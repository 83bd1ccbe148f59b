package io.github.migrationtest.verifier.report;

import java.util.List;

/**
 * The SQL that would close the gap between the head schema and the model, proposed with a
 * {@link Check#HEAD_MATCHES_MODEL} failure: an upgrade, its downgrade, and what was left to people. With a
 * {@link Check#DOWNGRADE_RESTORES_SCHEMA} failure, a downgrade alone: what the revision's downgrade lacks.
 *
 * @param upgrade statements that turn the head schema into the model's; empty when none were generated, and
 *     for a downgrade's completion
 * @param downgrade statements that undo {@code upgrade}; for a downgrade's completion, the statements the
 *     downgrade lacks
 * @param manual differences no SQL was generated for, each with the reason
 * @param generationError why no SQL could be generated at all (the generator failed); empty when it could
 */
public record ProposedMigration(String upgrade, String downgrade, List<String> manual, String generationError) {

    public ProposedMigration {
        upgrade = upgrade == null ? "" : upgrade;
        downgrade = downgrade == null ? "" : downgrade;
        manual = List.copyOf(manual);
        generationError = generationError == null ? "" : generationError;
    }

    public static ProposedMigration of(String upgrade, String downgrade, List<String> manual) {
        return new ProposedMigration(upgrade, downgrade, manual, "");
    }

    /**
     * The statements a downgrade lacks, to add to it ({@link Check#DOWNGRADE_RESTORES_SCHEMA}), with the
     * differences no SQL was generated for.
     */
    public static ProposedMigration downgradeCompletion(String statements, List<String> manual) {
        return new ProposedMigration("", statements, manual, "");
    }

    /** Whether this is what a downgrade lacks ({@link #downgradeCompletion}), not a new migration. */
    public boolean completesDowngrade() {
        return upgrade.isBlank() && !downgrade.isBlank();
    }

    /** The generator failed: the differences stand, the SQL is missing, and this says why. */
    public static ProposedMigration notGenerated(String why) {
        return new ProposedMigration("", "", List.of(), why);
    }

    public boolean generated() {
        return generationError.isEmpty();
    }
}
