package io.github.migrationtest.verifier.model;

import io.github.migrationtest.verifier.diff.DiffOptions;
import io.github.migrationtest.verifier.diff.DiffResult;
import io.github.migrationtest.verifier.diff.Difference;
import io.github.migrationtest.verifier.diff.SchemaDiff;
import io.github.migrationtest.verifier.postgres.DisposableDatabase;
import io.github.migrationtest.verifier.postgres.PostgresServer;
import io.github.migrationtest.verifier.snapshot.SchemaSnapshot;
import io.github.migrationtest.verifier.snapshot.SnapshotOptions;
import io.github.migrationtest.verifier.snapshot.SnapshotReader;
import io.github.migrationtest.verifier.source.MigrationFailedException;
import io.github.migrationtest.verifier.source.MigrationFailure;
import io.github.migrationtest.verifier.source.SourceOptions.AlembicOptions;
import io.github.migrationtest.verifier.source.alembic.AlembicException;
import io.github.migrationtest.verifier.source.alembic.AlembicModelBuilder;
import io.github.migrationtest.verifier.source.script.ScriptFiles;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code alembic} or {@code sqlalchemy:<module>:<attribute>}: the schema an application's SQLAlchemy
 * metadata describes, the counterpart of {@code alembic check}. It is built with {@code create_all} in a
 * scratch database (after the init scripts, which an extension a type needs goes in), by the user's
 * Python, and dropped afterwards, also on failure. When the head differs, it also says what
 * {@code alembic check} would have reported, which is blind to much that the snapshots see.
 */
public final class SqlAlchemyModel implements SchemaModel {

    /** How many of alembic check's differences the one-line verdict lists. */
    private static final int SHOWN = 8;

    private final String spec;
    private final Optional<String> history;
    private final AlembicOptions alembic;
    private final List<Path> initScripts;

    /**
     * @param spec {@link AlembicModelBuilder#ENV_METADATA} for env.py's {@code target_metadata}, or {@code module:attribute}
     * @param history the history's location; for {@code alembic} it must be an Alembic project
     * @param alembic which Python imports the metadata, and which env.py
     */
    public SqlAlchemyModel(String spec, Optional<String> history, AlembicOptions alembic, List<Path> initScripts) {
        this.spec = spec;
        this.history = history;
        this.alembic = alembic;
        this.initScripts = List.copyOf(initScripts);
    }

    /** Whether this is the {@code target_metadata} of the project's env.py rather than a named module's. */
    public boolean fromEnv() {
        return AlembicModelBuilder.ENV_METADATA.equals(spec);
    }

    @Override
    public String description() {
        return fromEnv() ? "SQLAlchemy target_metadata of the Alembic env.py" + history.map(h -> " at " + h).orElse("")
                : "SQLAlchemy metadata sqlalchemy:" + spec;
    }

    @Override
    public SchemaSnapshot snapshot(PostgresServer server, SnapshotOptions options) {
        try (AlembicModelBuilder builder = start(); DisposableDatabase scratch = server.createDatabase();
                Connection connection = scratch.connect()) {
            ScriptFiles.runInitScripts(initScripts, connection);
            builder.createAll(spec, connection, scratch.password());
            return SnapshotReader.read(connection, options);
        } catch (AlembicModelBuilder.Failure e) {
            throw new ModelFileException(new MigrationFailure(e.where(), e.line(), 0, e.problem(), e.detail(), "", "", ""),
                    e.fix(), e);
        } catch (AlembicException e) {
            throw new ModelException("Could not read " + description() + ": " + e.getMessage(), e);
        } catch (MigrationFailedException e) {
            throw new ModelFileException(e.failure(), "Correct the init script at " + e.failure().location(), e);
        } catch (UncheckedIOException e) {
            throw new ModelException(e.getMessage(), e); // an init script vanished since the working database read it
        } catch (SQLException e) {
            throw new ModelException("Could not build " + description() + " in a scratch database on "
                    + server.description() + ": " + e.getMessage(), e);
        }
    }

    private AlembicModelBuilder start() {
        AlembicModelBuilder builder = AlembicModelBuilder.start(history, alembic);
        if (fromEnv() && !builder.hasProject()) {
            builder.close();
            throw new ModelException("--model alembic reads the target_metadata of an Alembic project's env.py, but "
                    + history.map(h -> "the history at " + h + " is not an Alembic project (no alembic.ini)")
                            .orElse("no history was named") + ". Fix: name the model as sqlalchemy:<module>:<attribute>,"
                    + " e.g. sqlalchemy:app.models:Base");
        }
        return builder;
    }

    /**
     * What {@code alembic check} would have said of the head: Alembic's own upgrade to heads in a scratch
     * database, compared by its autogenerate with env.py's options. Alembic builds its own head because the
     * walk's database is gone by now; it is shown only when it equals the walk's head.
     */
    @Override
    public Optional<String> toolVerdict(PostgresServer server, SnapshotOptions options, SchemaSnapshot head, DiffResult diff) {
        if (history.isEmpty()) {
            return Optional.empty();
        }
        try (AlembicModelBuilder builder = AlembicModelBuilder.start(history, alembic)) {
            if (!builder.hasProject()) {
                return Optional.empty();
            }
            try (DisposableDatabase scratch = server.createDatabase(); Connection connection = scratch.connect()) {
                ScriptFiles.runInitScripts(initScripts, connection);
                AlembicModelBuilder.Check check = builder.check(spec, connection, scratch.password());
                DiffResult rebuilt = SchemaDiff.compare(head.withoutDatabaseAdministration(),
                        SnapshotReader.read(connection, options).withoutDatabaseAdministration(), DiffOptions.defaults());
                if (!rebuilt.matches()) {
                    return Optional.of("alembic check not shown: Alembic's own upgrade to heads built another schema than"
                            + " the verification's head (" + rebuilt.failures().size() + " differences, first "
                            + rebuilt.failures().get(0).describe() + ")");
                }
                return Optional.of(verdict(check, diff));
            }
        } catch (RuntimeException | SQLException e) {
            // The verdict is an aside: a project whose alembic check cannot run still has its differences shown.
            return Optional.of("alembic check could not be run: " + e.getMessage());
        }
    }

    static String verdict(AlembicModelBuilder.Check check, DiffResult diff) {
        List<String> ours = diff.failures().stream().map(Difference::path).distinct().toList();
        List<String> blind = ours.stream().filter(path -> check.diffs().stream()
                .flatMap(reported -> reported.subjects().stream())
                .noneMatch(subject -> path.equals(subject) || path.startsWith(subject + "."))).toList();
        String how = "alembic check (Alembic " + check.alembicVersion() + ", compare_type=" + check.compareType()
                + ", compare_server_default=" + check.compareServerDefault() + ")";
        if (check.diffs().isEmpty()) {
            return how + " would have passed: it is blind to " + (ours.size() == 1 ? "this difference"
                    : ours.size() == 2 ? "both of these differences" : "all " + ours.size() + " of these differences");
        }
        String reported = check.diffs().stream().limit(SHOWN).map(AlembicModelBuilder.Reported::text)
                .collect(Collectors.joining("; ")) + (check.diffs().size() > SHOWN ? "; and " + (check.diffs().size() - SHOWN)
                + " more" : "");
        return how + " would have reported " + check.diffs().size() + " (" + reported + ")"
                + (blind.isEmpty() ? "" : " and is blind to " + String.join(", ", blind));
    }
}
