package io.github.migrationtest.verifier.fix;

import io.github.migrationtest.verifier.snapshot.DefaultPrivileges;

/**
 * A role's default privileges, granted and revoked with {@code ALTER DEFAULT PRIVILEGES}: an entry that appears is
 * granted from the built-in default, one that goes is revoked back to it.
 */
final class DefaultPrivilegesSql implements ObjectSql<DefaultPrivileges> {
    private static final String GRANTS = "grants";

    /** Once the schema it names exists. */
    @Override
    public void create(DefaultPrivileges privileges, Plan plan) {
        change(privileges, builtIn(privileges), privileges.grants(), Phase.ANNOTATE, plan);
    }

    /** Before anything is dropped: the schema it names may be. */
    @Override
    public void drop(DefaultPrivileges privileges, Plan plan) {
        change(privileges, privileges.grants(), builtIn(privileges), Phase.SETUP, plan);
    }

    @Override
    public void alter(DefaultPrivileges from, DefaultPrivileges to, Pending changed, Plan plan) {
        if (changed.take(GRANTS)) {
            change(to, from.grants(), to.grants(), Phase.ANNOTATE, plan);
        }
    }

    private static void change(DefaultPrivileges privileges, String from, String to, Phase phase, Plan plan) {
        String prefix = "ALTER DEFAULT PRIVILEGES "
                + (privileges.role() == null ? "" : "FOR ROLE " + Sql.name(privileges.role()) + " ")
                + (privileges.inSchema() == null ? "" : "IN SCHEMA " + Sql.name(privileges.inSchema()) + " ");
        Grants.change(prefix, privileges.objectsKeyword(), null, from, to, phase, plan);
    }

    /**
     * What new objects get without an entry: in every schema, functions' {@code EXECUTE} and types' {@code USAGE} for
     * {@code PUBLIC} (besides the owner's); in one schema nothing more than that.
     */
    private static String builtIn(DefaultPrivileges privileges) {
        if (privileges.inSchema() != null) {
            return null;
        }
        return switch (privileges.objects()) {
            case "functions" -> Targets.PUBLIC_EXECUTE;
            case "types" -> Targets.PUBLIC_USAGE;
            default -> null;
        };
    }
}
