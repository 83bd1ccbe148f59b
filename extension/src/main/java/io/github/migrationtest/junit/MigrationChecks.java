package io.github.migrationtest.junit;

import io.github.migrationtest.verifier.report.Check;
import io.github.migrationtest.verifier.report.VerificationReport;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A complete migration suite: implement it and every revision gets a test per check, shown per
 * revision in IDEs and reports.
 *
 * <pre>{@code
 * @MigrationTest(location = "classpath:db/migration")
 * class OrderMigrationsTest implements MigrationChecks { }
 * }</pre>
 *
 * <p>The history is verified once per class, on a database of its own. A failed check is an
 * assertion error that names the revision, lists what differed or the statement that failed, and
 * says how to fix it. A check skipped on purpose (below the floor, irreversible, skipped) is
 * aborted with the reason, and so is a check not reached because an earlier upgrade failed: that
 * failure is reported once, by the upgrade's own test. Which checks run is set by
 * {@link MigrationTest#checks()}.
 */
@ExtendWith({MigrationTestExtension.class, KeepFailedDatabases.class})
public interface MigrationChecks {

    /**
     * {@link Check#HISTORY_IS_LINEAR}, {@link Check#FULL_DOWNGRADE_TO_BASE} and, with a {@link MigrationTest#model()},
     * {@link Check#HEAD_MATCHES_MODEL}: checks of the whole history.
     */
    @TestFactory
    @DisplayName("history")
    default Stream<DynamicTest> historyChecks(VerificationReport report) {
        return CheckTests.history(report);
    }

    /**
     * For each revision, {@link Check#UPGRADES_APPLY}, {@link Check#DOWNGRADE_RESTORES_SCHEMA}, {@link Check#REUPGRADE_REPRODUCES_SCHEMA}
     * and, with {@link MigrationTest#protect()}, {@link Check#PROTECTED_SCHEMAS_UNTOUCHED}.
     */
    @TestFactory
    @DisplayName("revisions")
    default Stream<DynamicContainer> revisionChecks(VerificationReport report) {
        return CheckTests.revisions(report);
    }
}
