package io.github.migrationtest.verifier.source.sql;

import io.github.migrationtest.verifier.source.MigrationSource;
import io.github.migrationtest.verifier.source.MigrationSourceProvider;
import io.github.migrationtest.verifier.source.SourceOptions;
import io.github.migrationtest.verifier.source.SourceType;

/** Opens a directory of plain SQL migrations; the fallback when no tool's files are recognised. */
public final class SqlPairsSourceProvider implements MigrationSourceProvider {

    @Override
    public SourceType type() {
        return SourceType.SQL;
    }

    @Override
    public boolean isAvailable(ClassLoader classLoader) {
        return true;
    }

    @Override
    public boolean recognises(String location, SourceOptions options) {
        return true;
    }

    @Override
    public MigrationSource open(String location, SourceOptions options) {
        Locations.Resolved resolved = Locations.resolve(location, options.classLoader());
        SqlHistory history = SqlHistoryReader.read(resolved.path(), resolved.display(), options.filePattern());
        return new SqlPairsSource(location, history, options);
    }
}
