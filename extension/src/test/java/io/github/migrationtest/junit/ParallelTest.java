package io.github.migrationtest.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Test classes running at once, with JUnit's parallel execution, share one server and each get their own databases. */
class ParallelTest {

    private static final int RUNNER_CLASSES = 3;
    private static final ConcurrentLinkedQueue<String> SEEN = new ConcurrentLinkedQueue<>();
    private static final AtomicInteger RUNNING = new AtomicInteger();
    private static final AtomicInteger MOST_RUNNING = new AtomicInteger();
    private static CountDownLatch allStarted;

    abstract static class RunnerTestBase {
        @Test
        void test(MigrationRunner runner, DataSource db) throws SQLException, InterruptedException {
            MOST_RUNNING.accumulateAndGet(RUNNING.incrementAndGet(), Math::max);
            allStarted.countDown();
            try {
                moveThrough(runner);
                SEEN.add(Sql.scalar(db, "SELECT inet_server_port() || ' ' || current_database()"));
                // Lingers a while for the others, so the classes overlap however the pool schedules them.
                allStarted.await(5, TimeUnit.SECONDS);
            } finally {
                RUNNING.decrementAndGet();
            }
        }

        void moveThrough(MigrationRunner runner) {
            runner.upgradeToHead().downgradeToBase().upgradeTo("0002");
        }
    }

    @MigrationTest(location = "classpath:histories/passing")
    static class FirstTestCase extends RunnerTestBase {
    }

    @MigrationTest(location = "classpath:histories/passing")
    static class SecondTestCase extends RunnerTestBase {
    }

    @MigrationTest(location = "classpath:histories/data")
    static class ThirdTestCase extends RunnerTestBase {
        @Override
        void moveThrough(MigrationRunner runner) {
            runner.upgradeToHead().downgradeToBase();
        }
    }

    @MigrationTest(location = "classpath:histories/passing")
    static class ChecksTestCase implements MigrationChecks {
    }

    @MigrationTest(location = "classpath:histories/data")
    static class MoreChecksTestCase implements MigrationChecks {
    }

    @Test
    void classes_in_parallel_share_one_server_safely() {
        allStarted = new CountDownLatch(RUNNER_CLASSES);
        SEEN.clear();
        MOST_RUNNING.set(0);

        var results = Kit.run(new Class<?>[] {FirstTestCase.class, SecondTestCase.class, ThirdTestCase.class,
                        ChecksTestCase.class, MoreChecksTestCase.class},
                "junit.jupiter.execution.parallel.enabled", "true",
                "junit.jupiter.execution.parallel.mode.default", "concurrent",
                "junit.jupiter.execution.parallel.mode.classes.default", "concurrent",
                "junit.jupiter.execution.parallel.config.strategy", "fixed",
                "junit.jupiter.execution.parallel.config.fixed.parallelism", "4");

        Kit.assertAllPassed(results, RUNNER_CLASSES + 11 + 8);
        assertThat(MOST_RUNNING.get()).as("runner tests running at once").isGreaterThan(1);
        List<String> seen = List.copyOf(SEEN);
        assertThat(seen).hasSize(RUNNER_CLASSES);
        assertThat(seen.stream().map(s -> s.split(" ")[0]).distinct()).as("server ports").hasSize(1);
        assertThat(seen.stream().map(s -> s.split(" ")[1]).distinct()).as("databases").hasSize(RUNNER_CLASSES);
    }
}
