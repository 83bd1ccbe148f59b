package io.github.migrationtest.verifier.fix;

import io.github.migrationtest.verifier.snapshot.Index;

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
    }

    private static String cluster(Index index) {
        return "ALTER TABLE " + Targets.table(index) + " CLUSTER ON " + Sql.name(index.name());
    }
}
