package io.github.migrationtest.verifier.lint;

import io.github.migrationtest.verifier.safety.SafetyFinding;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Schema lint of the head schema through SchemaCrawler, an optional dependency: where it is absent the
 * lint is skipped with one line that says what to add. Findings come back as {@link SafetyFinding}s
 * of the {@code LINT_*} kinds, so {@code --fail-on} and the reports treat them like measured ones.
 */
public final class SchemaLint {

    /** The line said instead of linting when SchemaCrawler is not on the class path. */
    public static final String MISSING = "Schema lint at head skipped: add us.fatehi:schemacrawler-lint and"
            + " us.fatehi:schemacrawler-postgresql (16.27.1) to the class path to lint the head schema";

    private static final Logger LOG = LoggerFactory.getLogger(SchemaLint.class);
    /** Classes the adapter needs from each of the three artifacts. */
    private static final List<String> NEEDED = List.of("schemacrawler.tools.lint.Linters",
            "schemacrawler.tools.utility.SchemaCrawlerUtility", "schemacrawler.server.postgresql.PostgreSQLDatabaseConnector");

    private SchemaLint() {
    }

    /** Whether SchemaCrawler, its lint and its Postgres plugin can be loaded by this class loader. */
    public static boolean available(ClassLoader loader) {
        for (String name : NEEDED) {
            try {
                Class.forName(name, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                return false;
            }
        }
        return true;
    }

    public static boolean available() {
        return available(SchemaLint.class.getClassLoader());
    }

    /**
     * Lints the schemas of the database behind {@code connection}, which it only reads.
     *
     * @param schemas the verified schemas (those of the head snapshot)
     * @param excludedTables tables left out by name or {@code schema.table}, as the snapshot leaves them out
     * @return the findings, or {@link Result#skipped(String)} when SchemaCrawler is absent or the lint failed
     */
    public static Result run(Connection connection, Set<String> schemas, Set<String> excludedTables) {
        WARM_UPS.awaitNone();
        if (!available()) {
            LOG.info(MISSING);
            return Result.skipped(MISSING);
        }
        try {
            return new Result(SchemaCrawlerLint.lint(connection, schemas, excludedTables), "");
        } catch (SQLException | RuntimeException e) {
            // Lint is report-only: a schema SchemaCrawler cannot read must not cost the verification its verdict.
            LOG.warn("Schema lint at head failed", e);
            return Result.skipped("Schema lint at head failed: " + e);
        }
    }

    /**
     * Lints the empty database behind {@code connection} and forgets what it found, so that the lint at head
     * finds SchemaCrawler's classes loaded and its code compiled. A short verification's lint is about 250 ms
     * slower the first time in a JVM (keto: 389 ms cold, 139 ms after this); the command line does this on the
     * thread that started the server, while the history is read. A lint at head started meanwhile waits for it
     * rather than doing the same cold work at once.
     */
    public static void warmUp(Connection connection) {
        if (!available()) {
            return;
        }
        WARM_UPS.begin();
        try {
            SchemaCrawlerLint.lint(connection, Set.of("public"), Set.of());
        } catch (SQLException | RuntimeException e) {
            LOG.debug("Lint warm-up failed (the lint at head runs cold): {}", e.toString());
        } finally {
            WARM_UPS.end();
        }
    }

    /** The warm-ups running, which a lint waits for, a few seconds at most. */
    private static final class WarmUps {
        private static final long WAIT_MILLIS = 10_000;
        private int running;

        synchronized void begin() {
            running++;
        }

        synchronized void end() {
            running--;
            notifyAll();
        }

        synchronized void awaitNone() {
            long deadline = System.currentTimeMillis() + WAIT_MILLIS;
            for (long left = WAIT_MILLIS; running > 0 && left > 0; left = deadline - System.currentTimeMillis()) {
                try {
                    wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private static final WarmUps WARM_UPS = new WarmUps();

    /**
     * What the lint found.
     *
     * @param findings one per object, in table order
     * @param skipped why the lint did not run; empty when it did
     */
    public record Result(List<SafetyFinding> findings, String skipped) {

        public Result {
            findings = List.copyOf(findings);
        }

        public static Result skipped(String why) {
            return new Result(List.of(), why);
        }
    }
}
