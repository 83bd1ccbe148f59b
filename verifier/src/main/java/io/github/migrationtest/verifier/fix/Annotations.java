package io.github.migrationtest.verifier.fix;

import io.github.migrationtest.verifier.snapshot.Column;
import io.github.migrationtest.verifier.snapshot.SchemaObject;

/**
 * Comments and privileges, which every kind of object carries the same way: written after the
 * object is created, and changed in place when only they differ.
 */
final class Annotations {
    private static final String COMMENT = "comment";
    private static final String GRANTS = "grants";

    private Annotations() {
    }

    /** The comment and grants of a newly created object, in the phase it was created in. */
    static void created(SchemaObject object, Phase phase, Plan plan) {
        String comment = object.properties().get(COMMENT);
        if (comment != null) {
            plan.add(phase, comment(object, comment));
        }
        String target = Targets.grantOn(object);
        if (target != null) {
            Grants.change(target, column(object), Targets.defaultGrants(object), object.properties().get(GRANTS),
                    phase, plan);
        }
    }

    /** Changes the comment and grants where they differ, taking those properties. */
    static void altered(SchemaObject from, SchemaObject to, Pending changed, Plan plan) {
        if (changed.take(COMMENT)) {
            plan.add(Phase.ANNOTATE, comment(to, to.properties().get(COMMENT)));
        }
        String target = Targets.grantOn(to);
        if (target != null && changed.take(GRANTS)) {
            Grants.change(target, column(to), from.properties().get(GRANTS), to.properties().get(GRANTS),
                    Phase.ANNOTATE, plan);
        }
    }

    private static String comment(SchemaObject object, String comment) {
        return "COMMENT ON " + Targets.named(object) + " IS " + Sql.literal(comment);
    }

    private static String column(SchemaObject object) {
        return object instanceof Column column ? Sql.name(column.name()) : null;
    }
}
