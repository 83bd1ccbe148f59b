package io.github.migrationtest.verifier.cli;

import io.github.migrationtest.verifier.diff.DiffOptions;
import io.github.migrationtest.verifier.live.LiveCheck;
import io.github.migrationtest.verifier.live.LiveDatabase;
import io.github.migrationtest.verifier.live.LiveStatus;
import io.github.migrationtest.verifier.live.StatusReports;
import io.github.migrationtest.verifier.live.StatusText;
import io.github.migrationtest.verifier.model.ModelContext;
import io.github.migrationtest.verifier.model.ModelFile;
import io.github.migrationtest.verifier.model.Models;
import io.github.migrationtest.verifier.model.SchemaModel;
import io.github.migrationtest.verifier.model.SnapshotFileModel;
import io.github.migrationtest.verifier.model.SqlFileModel;
import io.github.migrationtest.verifier.postgres.PostgresServer;
import io.github.migrationtest.verifier.snapshot.SnapshotOptions;
import io.github.migrationtest.verifier.source.MigrationSource;
import java.io.IOException;
import java.io.PrintWriter;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code migrationtest status}: which revision a live database is at, and whether its schema drifted from it. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Read a live database (read-only: nothing is written to it) and say which revision of the history"
                + " it is at, what is pending or unknown, and how its schema differs from that revision's, built on a"
                + " disposable database.",
                "Here --postgres-url is the live database; --scratch-url names a server to build the revisions on."})
final class StatusCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    SourceArguments source;

    @Mixin
    ComparisonArguments comparison;

    @Option(names = "--user", paramLabel = "<name>", description = "The live database's user (default: the URL's).")
    String user;

    @Option(names = "--password", paramLabel = "<password>",
            description = "The live database's password (default: the URL's, else the PGPASSWORD environment variable).")
    String password;

    @Option(names = "--scratch-url", paramLabel = "<jdbc-url>",
            description = "An existing server to build the revisions on, in databases created and dropped there"
                    + " (default: the backends, as verify without --postgres-url).")
    String scratchUrl;

    @Option(names = "--version-table", paramLabel = "<name>",
            description = "The migration tool's table of applied versions, when it has another name than the tool's"
                    + " default (golang-migrate's x-migrations-table, Flyway's table); its tool is told by its columns."
                    + " Repeatable.")
    List<String> versionTables = new ArrayList<>();

    @Option(names = "--model", paramLabel = "snapshot:<file>|sql:<file>|jpa:<package-or-unit>|alembic|sqlalchemy:<module>:<attr>",
            description = "Also compare the live schema with this model, as verify's --model.")
    String model;

    @Mixin
    ReportFiles reportFiles;

    @Override
    public Integer call() throws IOException, SQLException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (source.url == null) {
            err.println("migrationtest: status needs the live database: --postgres-url jdbc:postgresql://host:5432/database");
            err.flush();
            return Main.COULD_NOT_RUN;
        }
        LiveDatabase live = LiveDatabase.at(source.url, user, password != null ? password : System.getenv("PGPASSWORD"));
        LiveCheck.Settings settings = settings();
        LiveStatus status;
        try (MigrationSource history = source.openSource()) {
            source.settingsLines().forEach(out::println);
            history.findings().forEach(err::println);
            err.flush();
            if (history.revisions().isEmpty()) {
                err.println(SourceArguments.noRevisions(history, "compare with"));
                err.flush();
                return Main.COULD_NOT_RUN;
            }
            try (PostgresServer server = source.startPostgres(line -> {
                out.println(line);
                out.flush();
            }, scratchUrl)) {
                Main.interruption().guard(server);
                server.notices().forEach(out::println);
                status = LiveCheck.run(live, history, server, settings);
            }
        }
        if (Main.interruption().happened()) {
            return Main.interrupted(err);
        }
        out.print(StatusText.render(status));
        out.flush();
        reportFiles.write(() -> StatusReports.json(status), () -> StatusReports.junitXml(status),
                () -> StatusReports.markdown(status));
        return status.inSync() ? 0 : Main.FAILED;
    }

    private LiveCheck.Settings settings() {
        String[] schemaNames = comparison.schemaNames();
        DiffOptions diff = comparison.diffOptions();
        LiveCheck.Settings settings = new LiveCheck.Settings(SnapshotOptions.defaults().withSchemas(schemaNames), diff,
                source.initScripts, Optional.empty(), versionTables);
        return model == null ? settings : settings.withModel(schemaModel());
    }

    /** The model, checked before anything is read, as verify checks it: a file that cannot be used stops the run (exit 2). */
    private SchemaModel schemaModel() {
        ModelContext context = new ModelContext(ModelFile::at, StatusCommand.class.getClassLoader(), source.initScripts,
                file -> "write it with: migrationtest snapshot " + source.location + " --out " + file.name())
                .withHistory(source.location, source.alembicOptions());
        SchemaModel parsed = Models.parse(model, context);
        if (parsed instanceof SnapshotFileModel file) {
            file.read();
        }
        if (parsed instanceof SqlFileModel file) {
            file.script();
        }
        return parsed;
    }

}
