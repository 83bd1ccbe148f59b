package io.github.migrationtest.verifier.safety;

import io.github.migrationtest.verifier.diff.ChangedProperty;
import io.github.migrationtest.verifier.diff.DiffOptions;
import io.github.migrationtest.verifier.diff.Difference;
import io.github.migrationtest.verifier.diff.MissingObject;
import io.github.migrationtest.verifier.diff.SchemaDiff;
import io.github.migrationtest.verifier.snapshot.EnumType;
import io.github.migrationtest.verifier.snapshot.ObjectKind;
import io.github.migrationtest.verifier.snapshot.SchemaSnapshot;
import io.github.migrationtest.verifier.source.StatementListener.ExecutedStatement;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Data a step loses, read from the schema before and after it (the round trip has both): tables,
 * columns, types and enum labels that are gone, and column types that can no longer hold every value.
 * A table is placed at the statement it disappeared in when the step's statements were measured;
 * everything else at the step's file, since a schema diff knows no line.
 */
public final class DataLoss {

    private static final Set<ObjectKind> TYPES = EnumSet.of(ObjectKind.ENUM, ObjectKind.DOMAIN,
            ObjectKind.COMPOSITE_TYPE, ObjectKind.RANGE_TYPE);

    private DataLoss() {
    }

    /**
     * @param file the step's file, where a finding without a statement is placed; empty when not known
     */
    public static List<SafetyFinding> of(SchemaSnapshot before, SchemaSnapshot after, DiffOptions options,
                                         StepRecord step, String file) {
        List<Difference> differences = SchemaDiff.compare(before, after, options).differences();
        Set<String> droppedTables = new HashSet<>();
        differences.stream().filter(d -> d instanceof MissingObject && d.objectKind() == ObjectKind.TABLE)
                .forEach(d -> droppedTables.add(d.path()));
        List<SafetyFinding> found = new ArrayList<>();
        for (Difference difference : differences) {
            if (difference instanceof MissingObject missing) {
                missing(missing, droppedTables, step, file).ifPresent(found::add);
            } else if (difference instanceof ChangedProperty changed) {
                changed(changed, before, after, step, file).ifPresent(found::add);
            }
        }
        return found.stream().map(step::allow).toList();
    }

    private static Optional<SafetyFinding> missing(MissingObject missing, Set<String> droppedTables, StepRecord step,
                                                   String file) {
        if (missing.objectKind() == ObjectKind.TABLE) {
            Optional<ExecutedStatement> where = step.whereVanished(missing.path());
            if (where.isEmpty() && step.statementsSeen()) {
                return Optional.empty(); // measured: the relation is still there, renamed or moved
            }
            return Optional.of(new SafetyFinding(Finding.DROPS_TABLE, step.direction(),
                    where.map(ExecutedStatement::file).orElse(file), where.map(ExecutedStatement::line).orElse(0),
                    missing.path(), "table " + missing.path() + " is gone after the " + verb(step),
                    where.isPresent() ? Evidence.MEASURED : Evidence.SCHEMA_DIFF, ""));
        }
        if (missing.objectKind() == ObjectKind.COLUMN && !droppedTables.contains(missing.group())) {
            return Optional.of(finding(Finding.DROPS_COLUMN, step, file, missing.path(),
                    "column " + missing.path() + " (" + missing.expected() + ") is gone after the " + verb(step)));
        }
        if (TYPES.contains(missing.objectKind())) {
            return Optional.of(finding(Finding.DROPS_TYPE_OR_LABEL, step, file, missing.path(),
                    missing.objectKind().keyword() + " " + missing.path() + " is gone after the " + verb(step)));
        }
        return Optional.empty();
    }

    private static Optional<SafetyFinding> changed(ChangedProperty changed, SchemaSnapshot before, SchemaSnapshot after,
                                                   StepRecord step, String file) {
        if (changed.objectKind() == ObjectKind.COLUMN && changed.property().equals("type")
                && TypeNarrowing.narrows(changed.expected(), changed.actual())) {
            return Optional.of(finding(Finding.NARROWS_COLUMN_TYPE, step, file, changed.path(),
                    "type " + changed.expected() + " -> " + changed.actual()));
        }
        if (changed.objectKind() == ObjectKind.ENUM && changed.property().equals("labels")) {
            List<String> lost = new ArrayList<>(labels(before, changed.path()));
            lost.removeAll(labels(after, changed.path()));
            if (!lost.isEmpty()) {
                return Optional.of(finding(Finding.DROPS_TYPE_OR_LABEL, step, file, changed.path(),
                        "enum label(s) " + String.join(", ", lost) + " gone after the " + verb(step)));
            }
        }
        return Optional.empty();
    }

    private static List<String> labels(SchemaSnapshot snapshot, String path) {
        return snapshot.lookup(path).filter(EnumType.class::isInstance).map(e -> ((EnumType) e).labels())
                .orElse(List.of());
    }

    private static SafetyFinding finding(Finding finding, StepRecord step, String file, String object, String detail) {
        return new SafetyFinding(finding, step.direction(), file, 0, object, detail, Evidence.SCHEMA_DIFF, "");
    }

    private static String verb(StepRecord step) {
        return step.direction().verb();
    }
}
