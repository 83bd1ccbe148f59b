package io.github.migrationtest.verifier.fix;

import io.github.migrationtest.verifier.snapshot.Schema;

/** {@code CREATE SCHEMA} and {@code DROP SCHEMA}; what is in the schema has changes of its own. */
final class SchemaSql implements ObjectSql<Schema> {

    @Override
    public void create(Schema schema, Plan plan) {
        plan.add(Phase.CREATE_SCHEMA, "CREATE SCHEMA " + Targets.name(schema));
        Annotations.created(schema, Phase.CREATE_SCHEMA, plan);
    }

    @Override
    public void drop(Schema schema, Plan plan) {
        plan.add(Phase.DROP_SCHEMA, Targets.drop(schema));
    }
}
