package io.github.migrationtest.verifier.source.alembic;

import io.github.migrationtest.verifier.source.MigrationSource;
import io.github.migrationtest.verifier.source.MigrationSourceProvider;
import io.github.migrationtest.verifier.source.SourceOptions;
import io.github.migrationtest.verifier.source.SourceType;
import io.github.migrationtest.verifier.source.sql.Locations;
import java.nio.file.Path;

/**
 * Opens an Alembic project: its {@code alembic.ini}, or a folder with one in it or a few levels
 * below. Alembic itself runs in the user's Python, so nothing on the class path decides availability;
 * a missing interpreter or Alembic is reported when the history is opened.
 */
public final class AlembicSourceProvider implements MigrationSourceProvider {

    @Override
    public SourceType type() {
        return SourceType.ALEMBIC;
    }

    @Override
    public boolean isAvailable(ClassLoader classLoader) {
        return true;
    }

    @Override
    public boolean recognises(String location, SourceOptions options) {
        return !Locations.isClasspath(location) && AlembicProject.find(Path.of(Locations.withoutFilesystemPrefix(location))).isPresent();
    }

    @Override
    public MigrationSource open(String location, SourceOptions options) {
        return AlembicSource.open(Locations.withoutFilesystemPrefix(location), options);
    }
}
