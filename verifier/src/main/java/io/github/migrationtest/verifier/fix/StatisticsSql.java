package io.github.migrationtest.verifier.fix;

import io.github.migrationtest.verifier.snapshot.Statistics;

/**
 * Extended statistics objects from {@code pg_get_statisticsobjdef}, a complete {@code CREATE STATISTICS}: created once
 * the table or materialized view and its columns are there (when indexes are), dropped with the table or before it; a
 * changed definition dropped and created, a target set in place.
 */
final class StatisticsSql implements ObjectSql<Statistics> {

    @Override
    public void create(Statistics statistics, Plan plan) {
        Phase phase = plan.buildPhase(statistics.parentPath());
        plan.add(phase, statistics.definition());
        if (statistics.target() != null) {
            plan.add(phase, target(statistics, statistics.target()));
        }
        Annotations.created(statistics, phase, plan);
    }

    @Override
    public void drop(Statistics statistics, Plan plan) {
        plan.dropChild(statistics, Phase.DROP_INDEX, null, Targets.drop(statistics));
    }

    @Override
    public void alter(Statistics from, Statistics to, Pending changed, Plan plan) {
        if (replaceIfChanged(from, to, changed, plan, "table", "definition")) {
            return;
        }
        if (changed.take("target")) {
            plan.add(Phase.ANNOTATE, target(to, to.target() == null ? "-1" : to.target()));
        }
    }

    /** {@code -1} puts the default back (Postgres 17 also takes {@code DEFAULT}; earlier ones only this). */
    private static String target(Statistics statistics, String target) {
        return "ALTER STATISTICS " + Targets.name(statistics) + " SET STATISTICS " + target;
    }
}
