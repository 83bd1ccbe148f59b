package io.github.migrationtest.verifier.source.sql;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A folder that holds one history per database ({@code migrations/postgres}, {@code migrations/mysql},
 * {@code migrations/sqlite3}), as projects supporting several databases keep them for golang-migrate, goose or sqlx,
 * each tool pointed at one of them. Read as a whole, the histories' versions collide and the first folder's files
 * (MySQL's, by name) would be run; so the PostgreSQL folder is the history, and the others are listed as another
 * database's. Only where the folder has no migration of its own and its subfolders are named after databases.
 */
record DatabaseFolders(Optional<Path> postgres, List<String> others) {

    private static final Set<String> POSTGRES = Set.of("postgres", "postgresql", "pg", "pgsql", "postgre");
    private static final Set<String> OTHERS = Set.of("mysql", "mariadb", "sqlite", "sqlite3", "mssql", "sqlserver",
            "oracle", "cockroach", "cockroachdb", "clickhouse", "h2", "tidb", "spanner", "ql", "firebird",
            "snowflake", "redshift", "yugabyte", "yugabytedb");

    /**
     * The folder's subfolders, where it holds no SQL file of its own and they are one Postgres folder beside at least
     * one other database's; also where there are only other databases' folders (then {@code postgres} is empty).
     */
    static Optional<DatabaseFolders> of(Path root) {
        List<Path> entries;
        try (Stream<Path> list = Files.list(root)) {
            entries = list.sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty(); // listed again, and reported, by the reader
        }
        if (entries.stream().anyMatch(entry -> Files.isRegularFile(entry) && entry.toString().endsWith(".sql"))) {
            return Optional.empty();
        }
        List<Path> folders = entries.stream().filter(Files::isDirectory).toList();
        List<Path> postgres = folders.stream().filter(folder -> POSTGRES.contains(name(folder))).toList();
        List<String> others = folders.stream().filter(folder -> OTHERS.contains(name(folder)))
                .map(folder -> folder.getFileName().toString()).toList();
        if (others.isEmpty() || postgres.size() > 1) {
            return Optional.empty();
        }
        return Optional.of(new DatabaseFolders(postgres.stream().findFirst(), others));
    }

    private static String name(Path folder) {
        return folder.getFileName().toString().toLowerCase(Locale.ROOT);
    }
}
