package io.github.migrationtest.verifier.source.alembic;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.github.migrationtest.verifier.source.Direction;
import io.github.migrationtest.verifier.source.HistoryFinding;
import io.github.migrationtest.verifier.source.MigrationFailedException;
import io.github.migrationtest.verifier.source.MigrationFailure;
import io.github.migrationtest.verifier.source.MigrationSource;
import io.github.migrationtest.verifier.source.Revision;
import io.github.migrationtest.verifier.source.ServerWideChanges;
import io.github.migrationtest.verifier.source.SourceOptions;
import io.github.migrationtest.verifier.source.SourceType;
import io.github.migrationtest.verifier.source.StepResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * An Alembic history. Each step runs one revision by its explicit id (relative steps such as
 * {@code -1} are ambiguous at branch points) through Alembic's own machinery: the project's
 * {@code env.py}, its version table and naming conventions, in a helper process of the user's Python.
 */
final class AlembicSource implements MigrationSource {

    /** undefined_object: what Postgres says of a constraint or index a statement names that does not exist. */
    private static final String UNDEFINED_OBJECT = "42704";
    private static final Pattern UNNAMED_BY_CONVENTION = Pattern.compile(
            "^(?:constraint|index) \"[^\"]+\"(?: of relation \"[^\"]+\")? does not exist");

    private final String location;
    private final AlembicProject project;
    private final AlembicHistory history;
    private final Map<String, Integer> positions = new HashMap<>();
    private final SourceOptions options;
    private final HelperPool helpers;
    private final Optional<String> serverWideChange;
    private volatile String password;
    private volatile List<String> learnedVersionTables = List.of();

    private AlembicSource(String location, AlembicProject project, AlembicHistory history, SourceOptions options,
            HelperPool helpers) {
        this.location = location;
        this.project = project;
        this.history = history;
        this.options = options;
        this.helpers = helpers;
        for (int i = 0; i < history.revisions().size(); i++) {
            positions.put(history.revisions().get(i).id(), i);
        }
        this.serverWideChange = firstServerWideChange(history, project);
    }

    /**
     * Reads the history with a first helper, which is kept for the steps.
     *
     * @throws AlembicException when Python, Alembic or the driver is missing, or the configuration is broken
     */
    static AlembicSource open(String location, SourceOptions options) {
        AlembicProject project = AlembicProject.at(Path.of(location));
        HelperPool helpers = new HelperPool(() -> started(project, options.alembic()));
        try {
            PythonHelper helper = helpers.acquire();
            JsonObject answer = helper.request(request("history"));
            helpers.release(helper);
            AlembicHistory history = ok(answer) ? AlembicHistory.read(answer, project) : AlembicHistory.unreadable(answer, project);
            return new AlembicSource(location, project, history, options, helpers);
        } catch (RuntimeException e) {
            helpers.close();
            throw e;
        }
    }

    /** A helper that has read the project's configuration. */
    static PythonHelper started(AlembicProject project, SourceOptions.AlembicOptions settings) {
        PythonHelper helper = PythonHelper.start(settings.python());
        try {
            JsonObject open = request("open");
            open.addProperty("ini", project.ini().toString());
            open.addProperty("project", project.root().toString());
            JsonArray runFolders = new JsonArray();
            project.runFolders().forEach(folder -> runFolders.add(folder.toString()));
            open.add("runFrom", runFolders);
            open.addProperty("iniSection", settings.name());
            JsonArray x = new JsonArray();
            settings.x().forEach(x::add);
            open.add("x", x);
            if (settings.env() != null) {
                open.addProperty("env", settings.env().equals(SourceOptions.AlembicOptions.MINIMAL_ENV)
                        ? settings.env() : Path.of(settings.env()).toAbsolutePath().normalize().toString());
            }
            JsonObject answer = helper.request(open);
            if (!ok(answer)) {
                throw new AlembicException(openFailure(answer, project, helper));
            }
            return helper;
        } catch (RuntimeException e) {
            helper.close();
            throw e;
        }
    }

    private static String openFailure(JsonObject answer, AlembicProject project, PythonHelper helper) {
        String message = AlembicHistory.text(answer, "message");
        if (isMissing(answer)) {
            return missing(answer, helper);
        }
        if ("scriptLocation".equals(AlembicHistory.text(answer, "kind"))) {
            return scriptLocationNotFound(answer, project);
        }
        if ("noEnv".equals(AlembicHistory.text(answer, "kind"))) {
            return noEnv(answer, project);
        }
        String file = project.display(AlembicHistory.text(answer, "file"));
        return project.display(project.ini().toString()) + ": Alembic cannot read this configuration: " + message
                + (file.isEmpty() ? "" : " (at " + file + ":" + answer.get("line").getAsInt() + ")");
    }

    /** A relative {@code script_location} that names no folder from wherever Alembic may be run. */
    private static String scriptLocationNotFound(JsonObject answer, AlembicProject project) {
        String ini = project.display(project.ini().toString());
        String value = AlembicHistory.text(answer, "value");
        List<String> tried = AlembicHistory.strings(answer, "tried");
        String looked = tried.size() == 1 ? tried.get(0) + " does not exist"
                : "none of " + String.join(", ", tried) + " exists";
        return ini + ": script_location = " + value + " names no folder: Alembic resolves a relative script_location"
                + " against the folder it is run from, and " + looked + ". Name the folder you run alembic from (the"
                + " project's folder) as the location, or make the location independent of it in " + ini
                + ": script_location = %(here)s/<the migrations folder, relative to " + AlembicProject.INI + ">";
    }

    /**
     * A script_location without the project's env.py (and no {@code --alembic-env}): Alembic runs it for every
     * command, so no step could run; a project that runs Alembic through its own code (Flask-Alembic) has none.
     */
    private static String noEnv(JsonObject answer, AlembicProject project) {
        String ini = project.display(project.ini().toString());
        String env = project.display(AlembicHistory.text(answer, "env"));
        return ini + ": script_location = " + AlembicHistory.text(answer, "value") + " has no env.py (" + env
                + " does not exist), which Alembic runs for every command: alembic upgrade stops there too (\""
                + AlembicHistory.text(answer, "message") + "\"). Run with --alembic-env minimal (key "
                + AlembicSettings.ENV_KEY + "), migrationtest's own env.py, or --alembic-env <your env.py> (a project"
                + " that runs Alembic through its own code, such as Flask-Alembic, has none); or add to the folder the"
                + " env.py that alembic init writes";
    }

    /** Whether the helper could not even start: its Python lacks Alembic, SQLAlchemy or the driver. */
    static boolean isMissing(JsonObject answer) {
        return "missing".equals(AlembicHistory.text(answer, "kind"));
    }

    /** What the helper's Python lacks, and how to install it or name another interpreter. */
    static String missing(JsonObject answer, PythonHelper helper) {
        String module = AlembicHistory.text(answer, "module");
        List<String> all = answer.has("missing") ? AlembicHistory.strings(answer, "missing") : List.of();
        String lacks = all.size() > 1 ? "modules '" + String.join("', '", all) + "'"
                : module.isEmpty() ? "Alembic" : "module '" + module + "'";
        return "The Python at " + AlembicHistory.text(answer, "python") + " (" + AlembicHistory.text(answer, "pythonVersion")
                + ", started as '" + helper.python() + "') has no " + lacks
                + " (" + AlembicHistory.text(answer, "message") + "): install it into that interpreter (pip install alembic"
                + " sqlalchemy psycopg2-binary; on Debian: apt install python3-alembic python3-psycopg2), or name the"
                + " interpreter that has the project's packages with --python <path> (key " + AlembicSettings.PYTHON_KEY + ")";
    }

    @Override
    public SourceType type() {
        return SourceType.ALEMBIC;
    }

    @Override
    public String location() {
        return location;
    }

    @Override
    public List<Revision> revisions() {
        return history.revisions();
    }

    @Override
    public List<HistoryFinding> findings() {
        return history.findings();
    }

    @Override
    public List<String> bookkeepingTables() {
        List<String> tables = new ArrayList<>(history.versionTables());
        learnedVersionTables.stream().filter(table -> !tables.contains(table)).forEach(tables::add);
        return tables;
    }

    /** The schema of a version table in one ({@code version_table_schema}), which env.py makes or expects made. */
    @Override
    public Set<String> toolSchemas() {
        return bookkeepingTables().stream().filter(table -> table.contains("."))
                .map(table -> table.substring(0, table.indexOf('.'))).collect(Collectors.toSet());
    }

    /** An env.py that could not run offline (it raises there): its version table is the one it configures online. */
    @Override
    public boolean learnsBookkeepingOnline() {
        return history.versionTableGuessed();
    }

    /**
     * Runs env.py on the scratch database up to {@code run_migrations()}, which the helper stops before the version
     * table is made: the table it configured is left out of snapshots like the others. When env.py does not get
     * there, Alembic's default stands.
     */
    @Override
    public void learnBookkeeping(Connection scratch) {
        JsonObject request = request("versionTable");
        try {
            request.add("target", StepTarget.of(scratch, password, options.lockTimeout(), options.statementTimeout()));
        } catch (SQLException e) {
            return;
        }
        JsonObject answer;
        PythonHelper helper = helpers.acquire();
        try {
            answer = helper.request(request);
        } catch (AlembicException e) {
            return;
        } finally {
            helpers.release(helper);
        }
        if (ok(answer) && answer.has("name")) {
            String schema = answer.has("schema") && !answer.get("schema").isJsonNull()
                    ? answer.get("schema").getAsString() + "." : "";
            learnedVersionTables = List.of(schema + answer.get("name").getAsString());
        }
    }

    @Override
    public Optional<String> serverWideChange() {
        return serverWideChange;
    }

    @Override
    public boolean supportsConcurrentSteps() {
        return true;
    }

    @Override
    public void usePassword(String value) {
        this.password = value;
    }

    @Override
    public StepResult upgrade(Revision revision, Connection connection) {
        return step(revision, Direction.UP, connection);
    }

    @Override
    public StepResult downgrade(Revision revision, Connection connection) {
        if (!revision.hasDowngrade()) {
            throw new MigrationFailedException(revision, Direction.DOWN,
                    MigrationFailure.of(file(revision), revision.noDowngradeReason()), null);
        }
        return step(revision, Direction.DOWN, connection);
    }

    private StepResult step(Revision revision, Direction direction, Connection connection) {
        if (!positions.containsKey(revision.id())) {
            throw MigrationFailedException.notInHistory(revision, direction, project.display(project.ini().toString()));
        }
        JsonObject request = request("step");
        request.addProperty("revision", revision.id());
        request.addProperty("upgrade", direction == Direction.UP);
        try {
            request.add("target", StepTarget.of(connection, password, options.lockTimeout(), options.statementTimeout()));
        } catch (SQLException e) {
            throw new MigrationFailedException(revision, direction, MigrationFailure.of(file(revision), e.getMessage()), e);
        }
        long started = System.nanoTime();
        JsonObject answer;
        PythonHelper helper = helpers.acquire();
        try {
            answer = helper.request(request);
        } catch (AlembicException e) {
            throw new MigrationFailedException(revision, direction, MigrationFailure.of(file(revision), e.getMessage()), e);
        } finally {
            helpers.release(helper);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        boolean transactional = answer.has("transactional") && answer.get("transactional").getAsBoolean();
        if (!ok(answer)) {
            throw new MigrationFailedException(revision, direction, committedBefore(answer, direction,
                    failure(answer, revision)), null);
        }
        return new StepResult(revision, direction, transactional,
                transactional ? "" : "the migration ran outside a transaction (an autocommit_block, or an env.py that"
                        + " begins none)", -1, took);
    }

    private MigrationFailure failure(JsonObject answer, Revision revision) {
        String file = project.display(AlembicHistory.text(answer, "file"));
        String message = AlembicHistory.text(answer, "message");
        if (answer.has("irreversible") && answer.get("irreversible").getAsBoolean()) {
            message = "the downgrade says it cannot be undone: " + message;
        }
        int line = answer.has("line") ? answer.get("line").getAsInt() : 0;
        MigrationFailure failure = new MigrationFailure(file.isEmpty() ? file(revision) : file, line, 0, message,
                AlembicHistory.text(answer, "detail"), AlembicHistory.text(answer, "hint"),
                AlembicHistory.text(answer, "sqlState"), AlembicHistory.text(answer, "statement").strip());
        boolean envImport = answer.has("envImport") && answer.get("envImport").getAsBoolean();
        if (envImport) {
            return failure.withFix(envImportFix(file));
        }
        if (answer.has("flaskContext") && answer.get("flaskContext").getAsBoolean()) {
            return failure.withFix(flaskContextFix(file));
        }
        if (answer.has("envSetup") && answer.get("envSetup").getAsBoolean()) {
            return failure.withFix(envSetupFix(failure.location()));
        }
        // A failure the helper knows the fix of (env.py migrating two databases at once): no statement is at fault.
        if (!AlembicHistory.text(answer, "fix").isEmpty()) {
            return failure.withFix(AlembicHistory.text(answer, "fix"));
        }
        if (answer.has("lacking") && answer.get("lacking").isJsonObject()) {
            return failure.withFix(lackingFix(answer.getAsJsonObject("lacking"), failure.location()));
        }
        if (isMinimalEnv() && UNNAMED_BY_CONVENTION.matcher(failure.message()).find()
                && failure.sqlState().equals(UNDEFINED_OBJECT)) {
            return withoutNamingConvention(failure);
        }
        // A revision importing the application: the import line is what fails, but most often the Python is the wrong one.
        return "ModuleNotFoundError".equals(AlembicHistory.text(answer, "exception")) ? failure.withHint("The Python"
                + " that runs the revisions cannot import it: if the application's interpreter (its virtualenv) can, name"
                + " it with --python (key " + AlembicSettings.PYTHON_KEY + "), or put the project on PYTHONPATH") : failure;
    }

    private boolean isMinimalEnv() {
        return SourceOptions.AlembicOptions.MINIMAL_ENV.equals(options.alembic().env());
    }

    /**
     * A constraint or index the step names is not there, under the minimal env.py: that env.py passes no {@code
     * target_metadata}, so Alembic applied no naming convention of the application's MetaData, and what an earlier
     * revision made unnamed ({@code sa.ForeignKeyConstraint} in {@code op.create_table}, {@code
     * op.create_foreign_key(None, ...)}) got Postgres's name, not the one the project's env.py would have given it.
     * The statement is most likely right: following our own advice made the name differ (halb7, a project with a
     * {@code naming_convention}).
     */
    private static MigrationFailure withoutNamingConvention(MigrationFailure failure) {
        return failure.withHint("The minimal env.py (--alembic-env minimal) passes no target_metadata, so the"
                        + " naming_convention of the application's MetaData was not applied: constraints and indexes"
                        + " earlier revisions made without a name got Postgres's names, not the convention's this"
                        + " statement uses")
                .withFix("Run the revisions through an env.py that passes the application's target_metadata: the"
                        + " project's own (give the history's Python the application: --python, key "
                        + AlembicSettings.PYTHON_KEY + ", or PYTHONPATH) or a file of yours (--alembic-env <file>); if"
                        + " the name is wrong, fix the statement at " + failure.location());
    }

    /**
     * A failure after the step entered an {@code autocommit_block()}: Alembic committed the step's work before the
     * block, and each statement in it as it ran, so that much stays in the database (as it would in production).
     */
    private MigrationFailure committedBefore(JsonObject answer, Direction direction, MigrationFailure failure) {
        if (!answer.has("autocommitAt") || !answer.get("autocommitAt").isJsonObject()) {
            return failure;
        }
        JsonObject at = answer.getAsJsonObject("autocommitAt");
        String file = project.display(AlembicHistory.text(at, "file"));
        int line = at.has("line") ? at.get("line").getAsInt() : 0;
        return failure.withHint("The " + (direction == Direction.UP ? "upgrade" : "downgrade")
                + " is not transactional: the autocommit_block() at " + (line > 0 ? file + ":" + line : file)
                + " committed what ran before it and each statement in it; that work was not rolled back and stays"
                + " in the database.");
    }

    /**
     * A revision uses a name of SQLAlchemy or Alembic that their versions in the history's Python lack (sa.UUID, new in
     * SQLAlchemy 2.0, under 1.4): most often that Python is not the project's, rarely the name is mistyped.
     */
    static String lackingFix(JsonObject lacking, String location) {
        String library = AlembicHistory.text(lacking, "library");
        return "Run the revisions in the Python that has the project's " + library + ": --python <the application's"
                + " interpreter> (key " + AlembicSettings.PYTHON_KEY + "), as " + library + " "
                + AlembicHistory.text(lacking, "version") + " of " + AlembicHistory.text(lacking, "python") + " has no "
                + AlembicHistory.text(lacking, "name") + "; or, if that name is a mistake, fix it at " + location;
    }

    /** env.py cannot import what it needs (the application, Flask): no revision's statement is at fault. */
    static String envImportFix(String env) {
        return "Run with --alembic-env minimal (key " + AlembicSettings.ENV_KEY + "), migrationtest's own env.py, which"
                + " needs no application, instead of " + env + "; or give the history's Python the application's"
                + " dependencies: --python <the application's interpreter> (key " + AlembicSettings.PYTHON_KEY
                + "), or PYTHONPATH";
    }

    /**
     * env.py raised before it connected (a variable it reads is unset, a settings object rejects the environment): the
     * statement there is most often right, and the run lacks what the team's environment gives it.
     */
    static String envSetupFix(String location) {
        return "env.py stopped at " + location + " before it connected to a database: if it needs what the team's"
                + " environment gives it (an environment variable, a settings or .env file, an `alembic -x` value:"
                + " --alembic-x), give that to this run (any"
                + " database URL will do: every connection goes to the verifier's database), or run with --alembic-env"
                + " minimal (key " + AlembicSettings.ENV_KEY + "), migrationtest's own env.py; otherwise fix env.py there";
    }

    /** Flask-Migrate's env.py outside the application context that {@code flask db upgrade} sets up. */
    static String flaskContextFix(String env) {
        return "Run with --alembic-env minimal (key " + AlembicSettings.ENV_KEY + "), migrationtest's own env.py, instead"
                + " of " + env + ", which reads Flask's current_app: Flask-Migrate runs it inside the application context"
                + " that `flask db upgrade` sets up; or give --alembic-env an env.py of yours that creates the application"
                + " and runs the migrations in its app_context()";
    }

    private String file(Revision revision) {
        return revision.files().isEmpty() ? project.display(project.ini().toString()) : revision.files().get(0);
    }

    @Override
    public void close() {
        helpers.close();
    }

    static JsonObject request(String operation) {
        JsonObject request = new JsonObject();
        request.addProperty("op", operation);
        return request;
    }

    static boolean ok(JsonObject answer) {
        JsonElement ok = answer.get("ok");
        return ok != null && ok.getAsBoolean();
    }

    /** Statements that change what all databases share, searched in the revisions' Python files (op.execute's SQL). */
    private static Optional<String> firstServerWideChange(AlembicHistory history, AlembicProject project) {
        for (String file : history.files()) {
            try {
                String text = Files.readString(Path.of(file), StandardCharsets.UTF_8);
                Optional<String> found = ServerWideChanges.in(project.display(file), text, 0, text.length());
                if (found.isPresent()) {
                    return found;
                }
            } catch (IOException e) {
                // Alembic just read it; if it is gone now, the step will say so.
            }
        }
        return Optional.empty();
    }
}
