package io.github.migrationtest.verifier.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * What {@link Models#parse} needs besides the spec, which differs between the command line and the
 * JUnit extension: how a file name is resolved, where entity classes are loaded from, the init
 * scripts a scratch database runs first, and how the user turns on snapshot update mode there.
 *
 * @param files resolves a spec's file: relative to the working directory, or the project's, or the class path
 * @param classLoader loads {@code jpa:} entity classes and Hibernate
 * @param initScripts run in a scratch database before a reference schema, as in the working database
 * @param howToUpdate for a snapshot file, how to write the head schema to it, in words for a {@code Fix:} line
 */
public record ModelContext(Function<String, ModelFile> files, ClassLoader classLoader, List<Path> initScripts,
                           Function<ModelFile, String> howToUpdate) {

    public ModelContext {
        Objects.requireNonNull(files, "files");
        Objects.requireNonNull(classLoader, "classLoader");
        initScripts = List.copyOf(initScripts);
        Objects.requireNonNull(howToUpdate, "howToUpdate");
    }

    /** Files relative to the working directory, classes from this library's class loader, no init scripts. */
    public static ModelContext workingDirectory() {
        return new ModelContext(ModelFile::at, Models.class.getClassLoader(), List.of(),
                file -> "run migrationtest verify with --update-snapshot, or the tests with -Dmigrationtest.snapshot.update=true");
    }
}
