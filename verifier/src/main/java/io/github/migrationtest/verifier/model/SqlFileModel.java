package io.github.migrationtest.verifier.model;

import io.github.migrationtest.verifier.postgres.DisposableDatabase;
import io.github.migrationtest.verifier.postgres.PostgresServer;
import io.github.migrationtest.verifier.snapshot.SchemaSnapshot;
import io.github.migrationtest.verifier.snapshot.SnapshotOptions;
import io.github.migrationtest.verifier.snapshot.SnapshotReader;
import io.github.migrationtest.verifier.source.MigrationFailedException;
import io.github.migrationtest.verifier.source.MigrationFailure;
import io.github.migrationtest.verifier.source.script.ScriptFiles;
import io.github.migrationtest.verifier.source.script.SqlScript;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code sql:<file>}: a declarative {@code schema.sql}, the desired state written as DDL. It is run in
 * a scratch database, after the same init scripts as the working database (extensions, roles), and
 * snapshotted; the scratch database is dropped afterwards, also when a statement fails.
 */
public final class SqlFileModel implements SchemaModel {

    private final ModelFile file;
    private final List<Path> initScripts;

    public SqlFileModel(ModelFile file, List<Path> initScripts) {
        this.file = file;
        this.initScripts = List.copyOf(initScripts);
    }

    public ModelFile file() {
        return file;
    }

    @Override
    public String description() {
        return "reference SQL file " + file.name();
    }

    /**
     * The file's statements; needs no database.
     *
     * @throws ModelFileException when the file is missing or unreadable
     */
    public SqlScript script() {
        String text = ModelFiles.read(file.name(), file.path(), "Write the desired schema there"
                + " (the DDL of every object the migrations should build), or point sql: at an existing file",
                "Make it a readable UTF-8 SQL file");
        return SqlScript.parse(file.name(), PG_DUMP_RESTRICT.matcher(text).replaceAll(""));
    }

    /**
     * pg_dump (17.6, 16.10, 15.14, 14.19, 13.22 and later) brackets a dump with the psql meta-commands
     * {@code \restrict <key>} and its closing {@code unrestrict} line: not SQL, and nothing of the schema, so a
     * {@code pg_dump --schema-only} file is read without them (the lines stay, empty, so locations keep their lines).
     */
    private static final Pattern PG_DUMP_RESTRICT = Pattern.compile("(?m)^\\\\(?:un)?restrict\\b[^\\r\\n]*");

    @Override
    public SchemaSnapshot snapshot(PostgresServer server, SnapshotOptions options) {
        SqlScript script = script();
        try (DisposableDatabase scratch = server.createDatabase(); Connection connection = scratch.connect()) {
            ScriptFiles.runInitScripts(initScripts, connection);
            ScriptFiles.run("model", description(), List.of(script), connection);
            return SnapshotReader.read(connection, options);
        } catch (MigrationFailedException e) {
            throw new ModelFileException(e.failure(), fix(e.failure()), e);
        } catch (UncheckedIOException e) {
            throw new ModelException(e.getMessage(), e); // an init script vanished since the working database read it
        } catch (SQLException e) {
            throw new ModelException("Could not load " + description() + " into a scratch database on "
                    + server.description() + ": " + e.getMessage(), e);
        }
    }

    private String fix(MigrationFailure failure) {
        if (!failure.file().equals(file.name())) {
            return "Correct the init script at " + failure.location();
        }
        return "Correct the statement at " + failure.location()
                + ": the file must build the schema on an empty database (after the init scripts, if any)";
    }
}
