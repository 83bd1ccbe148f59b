package io.github.migrationtest.verifier.source;

import java.time.Duration;

/**
 * What applying one revision in one direction did.
 *
 * @param revision the revision applied
 * @param direction upgrade or downgrade
 * @param transactional whether it ran inside one transaction (a failure left nothing behind)
 * @param nonTransactionalReason when not transactional, why (e.g. the statement that cannot run
 *     in a transaction); empty otherwise
 * @param statements how many statements ran, or -1 when the migration tool does not say
 * @param duration wall time of the step
 */
public record StepResult(
        Revision revision,
        Direction direction,
        boolean transactional,
        String nonTransactionalReason,
        int statements,
        Duration duration) {

    public StepResult {
        nonTransactionalReason = nonTransactionalReason == null ? "" : nonTransactionalReason;
    }
}
