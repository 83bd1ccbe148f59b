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
 */
public record NamedFile(Path path, String display, Convention convention, Version version, String name, Role role) {

    /** What a migration file holds. */
    public enum Role {
        UP,
        DOWN,
        /** dbmate: one file with both sections. */
        UP_AND_DOWN,
        /** A compiled Flyway Java migration; only Flyway can run it. */
        JAVA_UP,
        /** A Flyway repeatable ({@code R__}) migration; it has no version. */
        REPEATABLE
    }

    public boolean isUp() {
        return role == Role.UP || role == Role.UP_AND_DOWN || role == Role.JAVA_UP;
    }

    /** The description for people: underscores read as spaces. */
    public String description() {
        return name.replace('_', ' ').trim();
    }
}
