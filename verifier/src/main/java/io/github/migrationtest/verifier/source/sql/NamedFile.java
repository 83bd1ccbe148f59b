package io.github.migrationtest.verifier.source.sql;

import java.nio.file.Path;

/**
 * A file whose name fits a convention.
 *
 * @param path the file
 * @param display how messages name it
 * @param convention the convention its name fits
 * @param version its version
 * @param name its description as written (underscores kept)
 * @param role what it holds
 * @param dialect the database its name is for ({@code postgres} in {@code 1_x.postgres.up.sql}); empty when it names none
 * @param noTransaction non-empty when its name or metadata asks to run it outside a transaction, and why
 */
public record NamedFile(Path path, String display, Convention convention, Version version, String name, Role role,
                        String dialect, String noTransaction) {

    public NamedFile(Path path, String display, Convention convention, Version version, String name, Role role) {
        this(path, display, convention, version, name, role, "", "");
    }

    /** The same file, read as popx reads it: its version compared as text. */
    NamedFile asPopx() {
        return new NamedFile(path, display, Convention.POPX, version.asText(), name, role, dialect, noTransaction);
    }

    /** The same file, read as a file of another convention; a dbmate file ordered as dbmate orders it. */
    public NamedFile as(Convention other) {
        Version read = other == Convention.DBMATE ? version.asDbmateFileName(path.getFileName().toString()) : version;
        return new NamedFile(path, display, other, read, name, role, dialect, noTransaction);
    }

    /** What a migration file holds. */
    public enum Role {
        UP,
        DOWN,
        /** dbmate: one file with both sections. */
        UP_AND_DOWN,
        /** A compiled Flyway Java migration; only Flyway can run it. */
        JAVA_UP,
        /** A Flyway repeatable ({@code R__}) migration; it has no version. */
        REPEATABLE,
        /** A Flyway baseline ({@code B<version>__}) migration: a new database's schema at its version, in one step. */
        BASELINE
    }

    /** A dbmate-named file without sections read as a sqlx simple migration: an upgrade only. */
    NamedFile asUpgradeOnly() {
        return new NamedFile(path, display, convention, version, name, Role.UP, dialect, noTransaction);
    }

    /** A sqlx simple migration ({@code <version>_<name>.sql}, no sections): sqlx has no downgrade for it. */
    boolean isSqlxSimple() {
        return convention == Convention.GOLANG_MIGRATE && role == Role.UP && !display.endsWith(".up.sql");
    }

    public boolean isUp() {
        return role == Role.UP || role == Role.UP_AND_DOWN || role == Role.JAVA_UP;
    }

    /** The description for people: underscores read as spaces. */
    public String description() {
        return name.replace('_', ' ').trim();
    }
}
