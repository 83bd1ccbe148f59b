package io.github.migrationtest.verifier.model;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A file a model is read from, with the name messages use for it (as the user wrote it). Update
 * mode writes a snapshot file to {@code writeTo}: the same file, except for a class path resource,
 * which is written to its source (the copy on the class path is rebuilt from it).
 *
 * @param name the file as the user wrote it: {@code src/test/resources/schema.snapshot}, {@code classpath:schema.snapshot}
 * @param path where it is read from
 * @param writeTo where update mode writes it
 */
public record ModelFile(String name, Path path, Path writeTo) {

    public ModelFile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(writeTo, "writeTo");
    }

    /** A plain file, read and written where it is (relative paths: to the working directory). */
    public static ModelFile at(String file) {
        Path path = Path.of(file);
        return new ModelFile(file, path, path);
    }

    /** Whether update mode writes somewhere else than the file is read from (a class path resource's source). */
    public boolean writesElsewhere() {
        return !path.equals(writeTo);
    }
}
