package io.github.migrationtest.junit;

import io.github.migrationtest.verifier.MigrationPrivileges;
import io.github.migrationtest.verifier.RevisionIds;
import io.github.migrationtest.verifier.postgres.DisposableDatabase;
import io.github.migrationtest.verifier.snapshot.SchemaSnapshot;
import io.github.migrationtest.verifier.snapshot.SnapshotOptions;
import io.github.migrationtest.verifier.snapshot.SnapshotReader;
import io.github.migrationtest.verifier.source.MigrationFailedException;
import io.github.migrationtest.verifier.source.MigrationSource;
import io.github.migrationtest.verifier.source.Revision;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** A {@link MigrationRunner} on one disposable database; synchronized since a per-class database may be shared by parallel tests. */
final class DatabaseRunner implements MigrationRunner {

    private final MigrationSource source;
    private final DisposableDatabase database;
    private final DataSource dataSource;
    private final SnapshotOptions snapshotOptions;
    /** How many revisions, from the first, are applied. */
    private int applied;

    DatabaseRunner(MigrationSource source, DisposableDatabase database, SnapshotOptions snapshotOptions, int applied) {
        this.source = source;
        this.database = database;
        this.dataSource = database.migrationsDataSource();
        source.usePassword(database.migrationsPassword());
        this.snapshotOptions = snapshotOptions;
        this.applied = applied;
    }

    @Override
    public List<Revision> revisions() {
        return source.revisions();
    }

    @Override
    public synchronized Optional<Revision> current() {
        return applied == 0 ? Optional.empty() : Optional.of(revisions().get(applied - 1));
    }

    @Override
    public synchronized MigrationRunner upgradeOne() {
        if (applied == revisions().size()) {
            throw new IllegalStateException("Cannot upgrade: the database is at head, " + where());
        }
        try {
            source.upgrade(revisions().get(applied), dataSource);
        } catch (MigrationFailedException e) {
            throw MigrationPrivileges.explain(e, database.server().migrationsKind());
        }
        applied++;
        return this;
    }

    @Override
    public synchronized MigrationRunner upgradeTo(String id) {
        int target = positionOf(id);
        if (target < applied) {
            throw new IllegalStateException("Cannot upgrade to " + id + ": the database is at " + where()
                    + ", past it; use downgradeTo(\"" + id + "\")");
        }
        while (applied < target) {
            upgradeOne();
        }
        return this;
    }

    @Override
    public synchronized MigrationRunner upgradeToHead() {
        while (applied < revisions().size()) {
            upgradeOne();
        }
        return this;
    }

    @Override
    public synchronized MigrationRunner downgradeOne() {
        if (applied == 0) {
            throw new IllegalStateException("Cannot downgrade: the database is at base, no revision is applied");
        }
        try {
            source.downgrade(revisions().get(applied - 1), dataSource);
        } catch (MigrationFailedException e) {
            throw MigrationPrivileges.explain(e, database.server().migrationsKind());
        }
        applied--;
        return this;
    }

    @Override
    public synchronized MigrationRunner downgradeTo(String id) {
        int target = positionOf(id);
        if (target > applied) {
            throw new IllegalStateException("Cannot downgrade to " + id + ": the database is at " + where()
                    + ", before it; use upgradeTo(\"" + id + "\")");
        }
        while (applied > target) {
            downgradeOne();
        }
        return this;
    }

    @Override
    public synchronized MigrationRunner downgradeToBase() {
        while (applied > 0) {
            downgradeOne();
        }
        return this;
    }

    @Override
    public SchemaSnapshot snapshot() {
        try (Connection connection = database.connect()) {
            return SnapshotReader.read(connection, snapshotOptions);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the schema of " + database + ": " + e.getMessage(), e);
        }
    }

    /** The number of revisions applied when {@code id} is the current one. */
    private int positionOf(String id) {
        List<Revision> revisions = revisions();
        return RevisionIds.indexOf(revisions, id).orElseThrow(() -> new IllegalArgumentException(
                "No revision " + id + " in " + source.location() + "; its revisions are " + RevisionIds.list(revisions)))
                + 1;
    }

    private String where() {
        return current().map(r -> "revision " + r.label()).orElse("base");
    }

    @Override
    public String toString() {
        return "MigrationRunner at " + where() + " on " + database.name();
    }
}
