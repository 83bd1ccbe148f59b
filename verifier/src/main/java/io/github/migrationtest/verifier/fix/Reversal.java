package io.github.migrationtest.verifier.fix;

import io.github.migrationtest.verifier.diff.ChangedProperty;
import io.github.migrationtest.verifier.diff.ColumnOrderChanged;
import io.github.migrationtest.verifier.diff.Difference;
import io.github.migrationtest.verifier.diff.MissingObject;
import io.github.migrationtest.verifier.diff.UnexpectedObject;
import java.util.List;

/**
 * The diff seen from the other side: what was missing is unexpected and values swap. The downgrade
 * is planned from it exactly as the upgrade is from the diff, so it undoes the upgrade and keeps the
 * user's ignore rules, which shaped the diff.
 */
final class Reversal {
    private Reversal() {
    }

    static List<Difference> of(List<Difference> differences) {
        return differences.stream().map(Reversal::reverse).toList();
    }

    private static Difference reverse(Difference difference) {
        if (difference instanceof MissingObject missing) {
            return new UnexpectedObject(missing.path(), missing.objectKind(), missing.expected(), missing.group());
        }
        if (difference instanceof UnexpectedObject unexpected) {
            return new MissingObject(unexpected.path(), unexpected.objectKind(), unexpected.actual(),
                    unexpected.group());
        }
        if (difference instanceof ChangedProperty changed) {
            return new ChangedProperty(changed.path(), changed.objectKind(), changed.property(), changed.actual(),
                    changed.expected(), changed.group());
        }
        if (difference instanceof ColumnOrderChanged order) {
            return new ColumnOrderChanged(order.path(), order.actualOrder(), order.expectedOrder(), order.reportOnly());
        }
        // A rename paired by definition is report-only: names were declared not to matter, so no
        // SQL renames anything, either way.
        return difference;
    }
}
