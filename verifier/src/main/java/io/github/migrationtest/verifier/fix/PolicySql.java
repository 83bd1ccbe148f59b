package io.github.migrationtest.verifier.fix;

import io.github.migrationtest.verifier.snapshot.Policy;

/** Row-level security policies; any change but the comment drops and creates the policy. */
final class PolicySql implements ObjectSql<Policy> {

    @Override
    public void create(Policy policy, Plan plan) {
        StringBuilder sql = new StringBuilder("CREATE POLICY ").append(Targets.name(policy)).append(" ON ")
                .append(Targets.table(policy));
        if (policy.restrictive()) {
            sql.append(" AS RESTRICTIVE");
        }
        sql.append(" FOR ").append(policy.command()).append(" TO ").append(policy.roles());
        if (policy.using() != null) {
            sql.append(" USING (").append(policy.using()).append(')');
        }
        if (policy.withCheck() != null) {
            sql.append(" WITH CHECK (").append(policy.withCheck()).append(')');
        }
        plan.add(Phase.CREATE_POLICY, sql.toString());
        Annotations.created(policy, Phase.CREATE_POLICY, plan);
    }

    @Override
    public void drop(Policy policy, Plan plan) {
        plan.dropChild(policy, Phase.DROP_POLICY, null, Targets.drop(policy));
    }

    @Override
    public void alter(Policy from, Policy to, Pending changed, Plan plan) {
        replaceIfChanged(from, to, changed, plan, "restrictive", "command", "roles", "using", "with check");
    }
}
