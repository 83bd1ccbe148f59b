package io.github.migrationtest.verifier.report;

/** The built-in checks, each named as the claim it proves. */
public enum Check {
    /** Unique versions, one head, no out-of-order, duplicate or malformed files. */
    HISTORY_IS_LINEAR("the history is linear"),
    /** Base to head, one revision at a time, every upgrade applies. */
    UPGRADES_APPLY("the upgrade applies"),
    /** Per revision r: snapshot S(r-1), up r, down r, and the snapshot equals S(r-1) again. */
    DOWNGRADE_RESTORES_SCHEMA("the downgrade restores the schema"),
    /** After that downgrade, up r again gives exactly S(r): catches types or functions left behind. */
    REUPGRADE_REPRODUCES_SCHEMA("the re-upgrade reproduces the schema"),
    /** Head to base, one revision at a time, leaves the base schema. */
    FULL_DOWNGRADE_TO_BASE("a full downgrade returns to the base schema"),
    /** The schema at head equals the model's: a snapshot file, a reference SQL file or JPA entities. */
    HEAD_MATCHES_MODEL("the head schema matches the model"),
    /**
     * Per revision: neither the upgrade nor the downgrade creates, alters or drops anything in a
     * protected schema, or writes rows to its tables. Runs only when schemas are protected.
     */
    PROTECTED_SCHEMAS_UNTOUCHED("the migrations leave protected schemas alone"),
    /**
     * No safety finding named in {@code --fail-on} was made, unless a {@code -- migrationtest:allow} comment
     * accepts it; reported only when {@code --fail-on} names one.
     */
    SAFETY_FINDINGS_ACCEPTED("no safety finding named in --fail-on was made");

    private final String claim;

    Check(String claim) {
        this.claim = claim;
    }

    /** The claim in words, for reports: "the downgrade restores the schema". */
    public String claim() {
        return claim;
    }

    /** Whether this check has a result per revision (otherwise one for the whole history). */
    public boolean perRevision() {
        return this == UPGRADES_APPLY || this == DOWNGRADE_RESTORES_SCHEMA || this == REUPGRADE_REPRODUCES_SCHEMA
                || this == PROTECTED_SCHEMAS_UNTOUCHED;
    }
}
