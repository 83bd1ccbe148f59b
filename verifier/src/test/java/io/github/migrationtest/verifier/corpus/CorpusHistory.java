package io.github.migrationtest.verifier.corpus;

import java.util.List;

/**
 * One real history of the corpus and what its {@code SOURCE.md} says a tool needs to run it.
 *
 * @param name the corpus folder
 * @param location the history inside it, as its tool is pointed at it
 * @param revisions how many revisions its own tool applies on Postgres
 * @param brokenRoundTrips how many round trips fail (each confirmed by pg_dump, as CORPUS.md lists
 *     them): a verifier that stopped seeing a broken downgrade would pass the agreement check, so
 *     the count is pinned; a change that moves it must say why in CORPUS.md
 * @param withoutDowngrade how many revisions have no downgrade their tool can run
 * @param prelude SQL the project runs before its migrations (extensions the migrations use but do
 *     not create); empty when none
 * @param unavailable why part of it cannot run here, as the start of the failing upgrade's message; empty when all of it can
 * @param alembicEnv for an Alembic history, the {@code env.py} it is run with: empty for its own,
 *     {@code minimal} for the verifier's (when its own needs the whole application); {@code null} for other tools
 */
record CorpusHistory(String name, String location, int revisions, int brokenRoundTrips, int withoutDowngrade,
                     String prelude, String unavailable, String alembicEnv) {

    /** A history of a tool that runs inside the verifier's JVM. */
    CorpusHistory(String name, String location, int revisions, int brokenRoundTrips, int withoutDowngrade,
                  String prelude, String unavailable) {
        this(name, location, revisions, brokenRoundTrips, withoutDowngrade, prelude, unavailable, null);
    }

    private static final String PAY_PRELUDE = """
            CREATE EXTENSION IF NOT EXISTS "uuid-ossp";
            CREATE EXTENSION IF NOT EXISTS "pg_trgm" WITH SCHEMA "pg_catalog";
            """;

    private static final String BIONIC_ROLES = """
            DO $$ BEGIN CREATE ROLE application_user LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
            DO $$ BEGIN CREATE ROLE application_readonly LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
            """;

    /** The SQL, Liquibase and Alembic histories. */
    static List<CorpusHistory> all() {
        return List.of(
                new CorpusHistory("vaultwarden-diesel", "migrations/postgresql", 46, 29, 0, "", ""),
                new CorpusHistory("plume-diesel", "migrations/postgres", 59, 2, 0, "", ""),
                new CorpusHistory("keto-popx", ".", 16, 8, 0, "", ""),
                new CorpusHistory("firefly-golang-migrate", "db/migrations/postgres", 115, 26, 0, "", ""),
                new CorpusHistory("openmeter-golang-migrate", "tools/migrate/migrations", 269, 14, 0, "", ""),
                new CorpusHistory("hatchet-goose", "cmd/hatchet-migrate/migrate/migrations", 149, 100, 0, "", ""),
                new CorpusHistory("openlane-goose", "db/migrations-goose-postgres", 177, 12, 0,
                        "CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA public;\n", ""),
                // pgvector is not packaged for Debian 12's Postgres: the walk stops at the first use. Its first
                // revision creates two login roles unless they exist, which the run's own role may not (no
                // CREATEROLE): as in the project's production, where infrastructure creates them, they exist.
                new CorpusHistory("bionic-gpt-dbmate", "crates/db/migrations", 108, 2, 0, BIONIC_ROLES,
                        "extension \"vector\" is not available"),
                new CorpusHistory("pay-connector-liquibase", "src/main/resources/migrations.xml", 242, 0, 72, PAY_PRELUDE, ""),
                new CorpusHistory("pay-products-liquibase", "src/main/resources/migrations.xml", 52, 7, 16, PAY_PRELUDE, ""),
                // Named by the folder that holds wazo_auth/, which a revision imports. Its own env.py runs
                // (version table alembic_version_auth); its first revision's default calls uuid_generate_v4().
                new CorpusHistory("wazo-auth-alembic", ".", 128, 4, 0,
                        "CREATE EXTENSION IF NOT EXISTS \"uuid-ossp\";\n", "", ""),
                // Named by the folder that holds ckan/, which the revisions import. Its env.py imports the
                // whole of CKAN: the verifier's minimal env.py runs the revisions instead.
                new CorpusHistory("ckan-alembic", ".", 109, 12, 0, "", "", "minimal"));
    }

    boolean isAlembic() {
        return alembicEnv != null;
    }

    @Override
    public String toString() {
        return name;
    }
}
