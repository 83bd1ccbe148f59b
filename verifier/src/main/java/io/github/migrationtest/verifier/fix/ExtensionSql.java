package io.github.migrationtest.verifier.fix;

import io.github.migrationtest.verifier.snapshot.Extension;

/** {@code CREATE EXTENSION} with the schema and version the other side has; updates and moves in place. */
final class ExtensionSql implements ObjectSql<Extension> {

    @Override
    public void create(Extension extension, Plan plan) {
        plan.add(Phase.CREATE_EXTENSION, "CREATE EXTENSION " + Targets.name(extension) + " WITH SCHEMA "
                + Sql.name(extension.installedIn()) + " VERSION " + Sql.literal(extension.version()));
        Annotations.created(extension, Phase.CREATE_EXTENSION, plan);
    }

    @Override
    public void drop(Extension extension, Plan plan) {
        plan.add(Phase.DROP_EXTENSION, Targets.drop(extension));
    }

    @Override
    public void alter(Extension from, Extension to, Pending changed, Plan plan) {
        if (changed.take("version")) {
            plan.add(Phase.CREATE_EXTENSION, "ALTER EXTENSION " + Targets.name(to) + " UPDATE TO "
                    + Sql.literal(to.version()));
        }
        if (changed.take("schema")) {
            plan.add(Phase.CREATE_EXTENSION, "ALTER EXTENSION " + Targets.name(to) + " SET SCHEMA "
                    + Sql.name(to.installedIn()));
        }
    }
}
