package io.github.migrationtest.verifier.fix;

import io.github.migrationtest.verifier.snapshot.DomainType;

/** Domains: created whole; default, nullability and named constraints changed in place. */
final class DomainSql implements ObjectSql<DomainType> {
    /** How the snapshot names a domain constraint's property: {@code constraint positive}. */
    private static final String CONSTRAINT = "constraint ";

    @Override
    public void create(DomainType domain, Plan plan) {
        StringBuilder sql = new StringBuilder("CREATE DOMAIN ").append(Targets.name(domain)).append(" AS ")
                .append(domain.baseType());
        if (domain.collation() != null) {
            sql.append(" COLLATE ").append(domain.collation());
        }
        if (domain.defaultValue() != null) {
            sql.append(" DEFAULT ").append(domain.defaultValue());
        }
        if (domain.notNull()) {
            sql.append(" NOT NULL");
        }
        domain.constraints().forEach((name, definition) -> sql.append(" CONSTRAINT ").append(Sql.name(name))
                .append(' ').append(definition));
        plan.add(Phase.CREATE_TYPE, sql.toString());
        Annotations.created(domain, Phase.CREATE_TYPE, plan);
    }

    @Override
    public void drop(DomainType domain, Plan plan) {
        plan.add(Phase.DROP_TYPE, Targets.drop(domain));
    }

    @Override
    public void alter(DomainType from, DomainType to, Pending changed, Plan plan) {
        String alter = "ALTER DOMAIN " + Targets.name(to) + " ";
        if (changed.take("default")) {
            plan.add(Phase.ALTER_TYPE, alter + (to.defaultValue() == null ? "DROP DEFAULT"
                    : "SET DEFAULT " + to.defaultValue()));
        }
        if (changed.take("not null")) {
            plan.add(Phase.ALTER_TYPE, alter + (to.notNull() ? "SET NOT NULL" : "DROP NOT NULL"));
        }
        for (String property : changed.takeStartingWith(CONSTRAINT)) {
            String name = Pending.nameIn(property, CONSTRAINT, from.constraints(), to.constraints());
            if (from.constraints().containsKey(name)) {
                plan.add(Phase.ALTER_TYPE, alter + "DROP CONSTRAINT " + Sql.name(name));
            }
            if (to.constraints().containsKey(name)) {
                plan.add(Phase.ALTER_TYPE, alter + "ADD CONSTRAINT " + Sql.name(name) + " "
                        + to.constraints().get(name));
            }
        }
    }
}
