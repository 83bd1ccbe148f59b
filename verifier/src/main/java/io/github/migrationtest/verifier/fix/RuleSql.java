package io.github.migrationtest.verifier.fix;

import io.github.migrationtest.verifier.snapshot.Rule;

/**
 * Rules from {@code pg_get_ruledef}, a complete {@code CREATE RULE}: created once the tables and views they name exist,
 * dropped before them; a changed definition is dropped and created, the firing state set in place.
 */
final class RuleSql implements ObjectSql<Rule> {

    @Override
    public void create(Rule rule, Plan plan) {
        plan.add(Phase.CREATE_TRIGGER, rule.definition());
        if (rule.enabled() != null) {
            plan.add(Phase.CREATE_TRIGGER, TriggerSql.enable(rule, rule.enabled()));
        }
        Annotations.created(rule, Phase.CREATE_TRIGGER, plan);
    }

    @Override
    public void drop(Rule rule, Plan plan) {
        plan.dropChild(rule, Phase.DROP_TRIGGER, null, Targets.drop(rule));
    }

    @Override
    public void alter(Rule from, Rule to, Pending changed, Plan plan) {
        if (replaceIfChanged(from, to, changed, plan, "definition")) {
            return;
        }
        if (changed.take("enabled")) {
            plan.add(Phase.ANNOTATE, TriggerSql.enable(to, to.enabled()));
        }
    }
}
