package io.github.migrationtest.verifier.fix;

import io.github.migrationtest.verifier.snapshot.Index;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Indexes from {@code pg_get_indexdef}, a complete {@code CREATE INDEX} statement. An index behind
 * a primary key, unique or exclusion constraint comes and goes with that constraint; only its
 * comment and clustering are its own.
 */
final class IndexSql implements ObjectSql<Index> {

    @Override
    public void create(Index index, Plan plan) {
        Phase phase = plan.buildPhase(index.parentPath());
        if (index.constraint() == null) {
            plan.add(phase, index.definition());
        }
        if (index.clustered()) {
            plan.add(phase, cluster(index));
        }
        statistics(index, null, index.statistics(), phase, plan);
        if (index.invalid()) {
            plan.manual(index.path(), "the index is invalid on the other side (a failed concurrent build);"
                    + " the generated one is valid");
        }
        Annotations.created(index, phase, plan);
    }

    @Override
    public void drop(Index index, Plan plan) {
        if (index.constraint() == null) {
            plan.dropChild(index, Phase.DROP_INDEX, null, Targets.drop(index));
        }
    }

    @Override
    public void alter(Index from, Index to, Pending changed, Plan plan) {
        if (replaceIfChanged(from, to, changed, plan, "table", "constraint", "definition")) {
            return;
        }
        if (changed.take("clustered")) {
            plan.add(Phase.ANNOTATE, to.clustered() ? cluster(to)
                    : "ALTER TABLE " + Targets.table(to) + " SET WITHOUT CLUSTER");
        }
        if (from.invalid() && !to.invalid() && changed.take("invalid")) {
            plan.add(Phase.CREATE_INDEX, "REINDEX INDEX " + Targets.name(to));
        }
        if (changed.take("statistics")) {
            statistics(to, from.statistics(), to.statistics(), Phase.ANNOTATE, plan);
        }
    }

    /**
     * Sets the statistics targets of {@code to} ({@code 1: 500, 2: 0}) on the columns whose target differs from {@code
     * from}'s, and puts the default back (-1) on those only {@code from} sets.
     */
    private static void statistics(Index index, String from, String to, Phase phase, Plan plan) {
        Map<String, String> before = targets(from);
        Map<String, String> after = targets(to);
        Set<String> columns = new TreeSet<>(Comparator.comparingInt(Integer::parseInt));
        columns.addAll(before.keySet());
        columns.addAll(after.keySet());
        for (String column : columns) {
            String target = after.getOrDefault(column, "-1");
            if (!target.equals(before.getOrDefault(column, "-1"))) {
                plan.add(phase, "ALTER INDEX " + Targets.name(index) + " ALTER COLUMN " + column + " SET STATISTICS "
                        + target);
            }
        }
    }

    /** {@code 1: 500, 2: 0} by column number; empty for null. */
    private static Map<String, String> targets(String statistics) {
        Map<String, String> targets = new LinkedHashMap<>();
        if (statistics != null) {
            for (String entry : statistics.split(", ")) {
                String[] parts = entry.split(": ");
                targets.put(parts[0], parts[1]);
            }
        }
        return targets;
    }

    private static String cluster(Index index) {
        return "ALTER TABLE " + Targets.table(index) + " CLUSTER ON " + Sql.name(index.name());
    }
}
