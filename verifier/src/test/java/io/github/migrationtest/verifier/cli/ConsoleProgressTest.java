package io.github.migrationtest.verifier.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.migrationtest.verifier.report.Check;
import io.github.migrationtest.verifier.report.CheckResult;
import io.github.migrationtest.verifier.report.RevisionReport;
import io.github.migrationtest.verifier.report.Timings;
import io.github.migrationtest.verifier.source.Revision;
import io.github.migrationtest.verifier.postgres.RunningStatement;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** What the live output says about how the history is walked. */
class ConsoleProgressTest {

    private final StringWriter out = new StringWriter();
    private final ConsoleProgress progress = new ConsoleProgress(new PrintWriter(out), false);

    @Test
    void parts_are_announced_and_a_walk_on_one_database_says_why_only_when_there_is_a_reason() {
        progress.walkPlanned(2, "");
        assertThat(out).hasToString("Walking the history in 2 parts at once, each on a database of its own\n");

        out.getBuffer().setLength(0);
        progress.walkPlanned(1, "walking on one database, since V5__roles.sql:3: CREATE ROLE changes what all databases"
                + " of the server share");
        assertThat(out).hasToString("Walking on one database, since V5__roles.sql:3: CREATE ROLE changes what all databases"
                + " of the server share\n");

        out.getBuffer().setLength(0);
        progress.walkPlanned(1, "");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void it_says_where_the_walk_is_for_an_interruption_and_falls_silent_once_interrupted() {
        AtomicBoolean interrupted = new AtomicBoolean();
        ConsoleProgress watched = new ConsoleProgress(new PrintWriter(out), false, interrupted::get);
        Revision first = Revision.reversible("0001", "users", List.of("0001_users.up.sql"));
        Revision second = Revision.reversible("0002", "orders", List.of("0002_orders.up.sql"));
        RevisionReport passed = new RevisionReport("0001", "users",
                Map.of(Check.UPGRADES_APPLY, CheckResult.passed(Check.UPGRADES_APPLY)), Timings.NONE);

        assertThat(watched.where()).isEqualTo("before the first revision was verified");
        watched.revisionStarted(first, 0, 2);
        assertThat(watched.where()).isEqualTo("during revision 0001 (users), 1 of 2");
        watched.revisionFinished(passed, 0, 2);
        assertThat(watched.where()).as("between one revision's line and the next one's start")
                .isEqualTo("after revision 0001 (users), 1 of 2");

        interrupted.set(true);
        out.getBuffer().setLength(0);
        watched.revisionStarted(second, 1, 2);
        watched.historyCheckFinished(CheckResult.passed(Check.HISTORY_IS_LINEAR));
        assertThat(out.toString()).as("what fails after the signal is the interruption's doing").isEmpty();
        assertThat(watched.where()).isEqualTo("after revision 0001 (users), 1 of 2");
    }

    private static RunningStatement sleeping(int pid, int seconds) {
        return new RunningStatement(pid, "migrationtest_1_1", "SELECT pg_sleep(600)", Instant.ofEpochSecond(pid),
                Duration.ofSeconds(seconds), "", List.of());
    }

    @Test
    void a_terminal_shows_the_longest_running_statement_on_the_revision_line_and_how_many_more_run() {
        ConsoleProgress terminal = new ConsoleProgress(new PrintWriter(out), true, () -> false, Duration.ofSeconds(1));
        terminal.walkPlanned(2, "");
        terminal.revisionStarted(Revision.reversible("0013", "table 13", List.of("0013_t.up.sql")), 12, 40);
        out.getBuffer().setLength(0);

        terminal.statementsRunning(List.of(sleeping(1, 42), sleeping(2, 7)));
        assertThat(out.toString()).isEqualTo("\r\033[K[13/40] 0013 (table 13) ... running 42 s: SELECT pg_sleep(600)"
                + " (on one of the 2 databases walking the history) (and 1 more)");

        out.getBuffer().setLength(0);
        terminal.statementsRunning(List.of());
        assertThat(out.toString()).as("the statements ended: the revision's line again")
                .isEqualTo("\r\033[K[13/40] 0013 (table 13) ...");
    }

    @Test
    void a_log_falls_silent_about_statements_once_interrupted() {
        AtomicBoolean interrupted = new AtomicBoolean();
        ConsoleProgress log = new ConsoleProgress(new PrintWriter(out), false, interrupted::get, Duration.ofSeconds(1));
        log.revisionStarted(Revision.reversible("0013", "table 13", List.of("0013_t.up.sql")), 12, 40);

        log.statementsRunning(List.of(sleeping(1, 2)));
        assertThat(out.toString()).isEqualTo("Revision 0013 (table 13), 13 of 40: running 2 s: SELECT pg_sleep(600)\n");

        interrupted.set(true);
        out.getBuffer().setLength(0);
        log.statementsRunning(List.of(sleeping(1, 60)));
        assertThat(out.toString()).isEmpty();
    }
}
