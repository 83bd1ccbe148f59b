package io.github.migrationtest.verifier.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
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
}
