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
