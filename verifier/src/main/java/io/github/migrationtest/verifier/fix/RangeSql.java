package io.github.migrationtest.verifier.fix;

import io.github.migrationtest.verifier.snapshot.RangeType;

/** Range types: created and dropped; their definition cannot change in place. */
final class RangeSql implements ObjectSql<RangeType> {

    @Override
    public void create(RangeType type, Plan plan) {
        StringBuilder sql = new StringBuilder("CREATE TYPE ").append(Targets.name(type)).append(" AS RANGE (SUBTYPE = ")
                .append(type.subtype());
        append(sql, "SUBTYPE_OPCLASS", type.subtypeOpclass());
        append(sql, "COLLATION", type.collation());
        append(sql, "CANONICAL", type.canonical());
        append(sql, "SUBTYPE_DIFF", type.subtypeDiff());
        append(sql, "MULTIRANGE_TYPE_NAME", type.multirange());
        plan.add(Phase.CREATE_TYPE, sql.append(')').toString());
        Annotations.created(type, Phase.CREATE_TYPE, plan);
    }

    private static void append(StringBuilder sql, String option, String value) {
        if (value != null) {
            sql.append(", ").append(option).append(" = ").append(value);
        }
    }

    @Override
    public void drop(RangeType type, Plan plan) {
        plan.add(Phase.DROP_TYPE, Targets.drop(type));
    }
}
