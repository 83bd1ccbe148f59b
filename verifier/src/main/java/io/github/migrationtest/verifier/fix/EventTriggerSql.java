package io.github.migrationtest.verifier.fix;

import io.github.migrationtest.verifier.snapshot.EventTrigger;

/** Event triggers: created from their event, tags and function; a changed definition is dropped and created. */
final class EventTriggerSql implements ObjectSql<EventTrigger> {

    @Override
    public void create(EventTrigger trigger, Plan plan) {
        String tags = trigger.tags() == null ? "" : " WHEN TAG IN (" + trigger.tags() + ")";
        // The function arrives as regproc text, already schema-qualified and quoted by Postgres.
        plan.add(Phase.CREATE_TRIGGER, "CREATE EVENT TRIGGER " + Targets.name(trigger) + " ON " + trigger.event()
                + tags + " EXECUTE FUNCTION " + trigger.function() + "()");
        if (trigger.enabled() != null) {
            plan.add(Phase.CREATE_TRIGGER, enable(trigger));
        }
        Annotations.created(trigger, Phase.CREATE_TRIGGER, plan);
    }

    @Override
    public void drop(EventTrigger trigger, Plan plan) {
        plan.add(Phase.DROP_TRIGGER, Targets.drop(trigger));
    }

    @Override
    public void alter(EventTrigger from, EventTrigger to, Pending changed, Plan plan) {
        if (replaceIfChanged(from, to, changed, plan, "event", "tags", "function")) {
            return;
        }
        if (changed.take("enabled")) {
            plan.add(Phase.ANNOTATE, enable(to));
        }
    }

    private static String enable(EventTrigger trigger) {
        return "ALTER EVENT TRIGGER " + Targets.name(trigger) + " " + TriggerSql.enabling(trigger.enabled());
    }
}
