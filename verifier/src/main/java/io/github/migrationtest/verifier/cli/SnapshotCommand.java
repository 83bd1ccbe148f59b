package io.github.migrationtest.verifier.cli;

import io.github.migrationtest.verifier.RevisionIds;
import io.github.migrationtest.verifier.postgres.DisposableDatabase;
import io.github.migrationtest.verifier.postgres.PostgresServer;
import io.github.migrationtest.verifier.snapshot.SnapshotOptions;
import io.github.migrationtest.verifier.snapshot.SnapshotReader;
import io.github.migrationtest.verifier.snapshot.SnapshotText;
import io.github.migrationtest.verifier.source.MigrationSource;
import io.github.migrationtest.verifier.source.Revision;
import io.github.migrationtest.verifier.source.script.ScriptFiles;
import java.io.PrintWriter;
import java.nio.file.Path;
import io.github.migrationtest.verifier.MigrationPrivileges;
import io.github.migrationtest.verifier.source.MigrationFailedException;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code migrationtest snapshot}: the schema at a revision, in the readable snapshot text form. */
@Command(name = "snapshot", mixinStandardHelpOptions = true,
        description = "Print the schema the history builds at a revision (default: head).")
final class SnapshotCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    SourceArguments source;

    @Option(names = "--at", paramLabel = "<revision>", description = "The revision to stop at (default: head).")
    String at;

    @Option(names = "--out", paramLabel = "<file>",
            description = "Write to this file (and its folders) instead of standard output: a snapshot for verify --model snapshot:<file>.")
    Path out;

    @Override
    public Integer call() throws Exception {
        MigrationSource history = source.openSource();
        List<Revision> revisions = history.revisions();
        int last = at == null ? revisions.size() - 1 : indexOf(revisions, at);
        String text;
        // Standard error: standard output may be the snapshot itself.
        PrintWriter err = spec.commandLine().getErr();
        source.settingsLines().forEach(err::println);
        try (PostgresServer server = source.startPostgres(line -> {
                    err.println(line);
                    err.flush();
                });
             DisposableDatabase database = server.createDatabase();
             Connection connection = database.connect();
             Connection steps = MigrationPrivileges.connect(database)) {
            Main.interruption().guard(server);
            server.notices().forEach(err::println);
            ScriptFiles.runInitScripts(source.initScripts, connection);
            MigrationPrivileges.handOverInitObjects(connection, database);
            history.usePassword(database.migrationsPassword());
            for (int i = 0; i <= last; i++) {
                try {
                    history.upgrade(revisions.get(i), steps);
                } catch (MigrationFailedException e) {
                    throw MigrationPrivileges.explain(e, server.migrationsKind());
                }
            }
            text = SnapshotText.render(SnapshotReader.read(connection, SnapshotOptions.defaults()
                    .withKeptTables(history.userTables())
                    .withAlsoExcludedTables(history.bookkeepingTables().toArray(String[]::new))));
        }
        if (Main.interruption().happened()) {
            return Main.interrupted(spec.commandLine().getErr());
        }
        if (out == null) {
            spec.commandLine().getOut().print(text);
            spec.commandLine().getOut().flush();
        } else {
            Main.writeFile(out, text);
            Revision revision = revisions.get(last);
            spec.commandLine().getOut().println("Wrote the schema at revision " + revision.label()
                    + (last == revisions.size() - 1 ? ", the head," : "") + " to " + out);
            spec.commandLine().getOut().flush();
        }
        return 0;
    }

    private static int indexOf(List<Revision> revisions, String id) {
        return RevisionIds.indexOf(revisions, id).orElseThrow(() -> new IllegalArgumentException(
                "--at " + id + ": no such revision. Known: " + revisions.stream().map(Revision::id).toList()));
    }
}
