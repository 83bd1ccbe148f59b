package io.github.migrationtest.verifier.cli;

import io.github.migrationtest.verifier.diff.DiffOptions;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** How two schemas are compared, the same for {@code verify} and {@code status}: which schemas, what to ignore, what counts. */
final class ComparisonArguments {

    @Option(names = "--schema", paramLabel = "<name>", description = "A schema to include (default: all but system schemas). Repeatable.")
    List<String> schemas = new ArrayList<>();

    @Option(names = "--ignore", paramLabel = "<path-pattern>",
            description = "Differences to ignore, by path glob: public.audit_*, *.updated_at. Repeatable.")
    List<String> ignored = new ArrayList<>();

    @Option(names = "--strict-column-order",
            description = "Count a different column order (a downgrade that re-adds a column puts it last) as a"
                    + " difference, not just report it.")
    boolean strictColumnOrder;

    @Option(names = "--match-constraints-by-definition",
            description = "Pair constraints and indexes that differ only in name (such as Hibernate's fk..., uk...,"
                    + " idx...) and report them as renames instead of differences.")
    boolean matchConstraintsByDefinition;

    /** The schemas to read and compare; none: all but the system's. */
    String[] schemaNames() {
        return schemas.toArray(String[]::new);
    }

    DiffOptions diffOptions() {
        DiffOptions diff = DiffOptions.defaults().withSchemas(schemaNames()).withIgnored(ignored.toArray(String[]::new));
        if (strictColumnOrder) {
            diff = diff.withStrictColumnOrder();
        }
        if (matchConstraintsByDefinition) {
            diff = diff.withConstraintsMatchedByDefinition();
        }
        return diff;
    }
}
