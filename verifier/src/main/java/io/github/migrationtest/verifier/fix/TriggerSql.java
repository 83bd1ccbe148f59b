package io.github.migrationtest.verifier.fix;

import io.github.migrationtest.verifier.snapshot.TableObject;
import io.github.migrationtest.verifier.snapshot.Trigger;

/** Table triggers from {@code pg_get_triggerdef}, which is a complete {@code CREATE TRIGGER} statement. */
final class TriggerSql implements ObjectSql<Trigger> {

    @Override
    public void create(Trigger trigger, Plan plan) {
        plan.add(Phase.CREATE_TRIGGER, trigger.definition());
        if (trigger.enabled() != null) {
            plan.add(Phase.CREATE_TRIGGER, enable(trigger));
        }
        Annotations.created(trigger, Phase.CREATE_TRIGGER, plan);
    }

    @Override
    public void drop(Trigger trigger, Plan plan) {
        plan.dropChild(trigger, Phase.DROP_TRIGGER, null, Targets.drop(trigger));
    }

    @Override
    public void alter(Trigger from, Trigger to, Pending changed, Plan plan) {
        if (replaceIfChanged(from, to, changed, plan, "definition")) {
            return;
        }
        if (changed.take("enabled")) {
            plan.add(Phase.ANNOTATE, enable(to));
        }
    }

    private static String enable(Trigger trigger) {
        return enable(trigger, trigger.enabled());
    }

    /** Sets a table's trigger or rule firing as the snapshot names it: {@code ALTER TABLE t DISABLE RULE r}. */
    static String enable(TableObject object, String enabled) {
        return "ALTER TABLE " + Targets.table(object) + " " + enabling(enabled) + " " + Targets.keyword(object) + " "
                + Targets.name(object);
    }

    /** The words for a trigger's firing state as the snapshot names it; {@code null} means it fires normally. */
    static String enabling(String enabled) {
        if (enabled == null) {
            return "ENABLE";
        }
        return switch (enabled) {
            case "disabled" -> "DISABLE";
            case "replica" -> "ENABLE REPLICA";
            case "always" -> "ENABLE ALWAYS";
            default -> throw new IllegalArgumentException("unknown trigger state: " + enabled);
        };
    }
}
