package io.github.migrationtest.verifier.source.sql;

import java.util.List;

/**
 * popx (Ory) names a file for one database ({@code 1_x.postgres.up.sql}) or for all
 * ({@code 1_x.up.sql}); for Postgres the {@code .postgres.} file replaces the one for all of the same
 * version and direction, and other databases' files are not run. golang-migrate has no such rule, so
 * a directory is read as popx only when its names say a database or {@code .autocommit}.
 */
final class PopxDialects {

    private PopxDialects() {}

    /**
     * The files, those of golang-migrate's naming read as popx when any name says a database or {@code .autocommit}:
     * then their versions are ordered as text, as popx orders them.
     */
    static List<NamedFile> recognise(List<NamedFile> files, boolean otherDatabasesNamed) {
        boolean popx = otherDatabasesNamed || files.stream().anyMatch(f -> f.convention() == Convention.GOLANG_MIGRATE
                && (!f.dialect().isEmpty() || !f.noTransaction().isEmpty()));
        if (!popx) {
            return files;
        }
        return files.stream().map(f -> f.convention() == Convention.GOLANG_MIGRATE ? f.asPopx() : f).toList();
    }

    /**
     * The candidates for one version and direction without those a Postgres-specific file replaces:
     * what is left is one file, or real duplicates.
     */
    static List<NamedFile> forPostgres(List<NamedFile> candidates) {
        if (candidates.size() < 2 || candidates.get(0).convention() != Convention.POPX) {
            return candidates;
        }
        List<NamedFile> specific = candidates.stream().filter(f -> !f.dialect().isEmpty()).toList();
        return specific.isEmpty() ? candidates : specific;
    }
}
