package io.github.migrationtest.verifier.model;

import io.github.migrationtest.verifier.source.SourceOptions.AlembicOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * What {@link Models#parse} needs besides the spec, which differs between the command line and the
 * JUnit extension: how a file name is resolved, where entity classes are loaded from, the init
 * scripts a scratch database runs first, how the user turns on snapshot update mode there, and the
 * history with the Python that reads SQLAlchemy metadata.
 *
 * @param files resolves a spec's file: relative to the working directory, or the project's, or the class path
 * @param classLoader loads {@code jpa:} entity classes and Hibernate
 * @param initScripts run in a scratch database before a reference schema, as in the working database
 * @param howToUpdate for a snapshot file, how to write the head schema to it, in words for a {@code Fix:} line
 * @param history the history's location, as the user named it: {@code alembic} reads its env.py
 * @param alembic the Python that imports SQLAlchemy metadata, and the env.py it runs
 */
public record ModelContext(Function<String, ModelFile> files, ClassLoader classLoader, List<Path> initScripts,
                           Function<ModelFile, String> howToUpdate, Optional<String> history, AlembicOptions alembic) {

    public ModelContext {
        Objects.requireNonNull(files, "files");
        Objects.requireNonNull(classLoader, "classLoader");
        initScripts = List.copyOf(initScripts);
        Objects.requireNonNull(howToUpdate, "howToUpdate");
        Objects.requireNonNull(history, "history");
        alembic = alembic == null ? new AlembicOptions(null, null) : alembic;
    }

    /** Without a history: {@code sqlalchemy:} modules are imported from the working directory by {@code python3}. */
    public ModelContext(Function<String, ModelFile> files, ClassLoader classLoader, List<Path> initScripts,
                        Function<ModelFile, String> howToUpdate) {
        this(files, classLoader, initScripts, howToUpdate, Optional.empty(), null);
    }

    /** Files relative to the working directory, classes from this library's class loader, no init scripts. */
    public static ModelContext workingDirectory() {
        return new ModelContext(ModelFile::at, Models.class.getClassLoader(), List.of(),
                file -> "run migrationtest verify with --update-snapshot, or the tests with -Dmigrationtest.snapshot.update=true");
    }

    /** This context with the history's location (an Alembic project for {@code alembic}) and how Alembic runs. */
    public ModelContext withHistory(String location, AlembicOptions value) {
        return new ModelContext(files, classLoader, initScripts, howToUpdate, Optional.ofNullable(location), value);
    }
}
