package io.github.migrationtest.verifier.source.alembic;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.github.migrationtest.verifier.source.SourceOptions.AlembicOptions;
import io.github.migrationtest.verifier.source.sql.Locations;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds the schema an application's SQLAlchemy metadata describes ({@code create_all}) in a database the
 * caller owns, and says what {@code alembic check} would say of a database, through the Alembic helper in
 * the user's Python. With an Alembic project the helper reads its {@code alembic.ini} and imports from the
 * project's folder, as the team's own runs do; without one it imports from the working directory.
 */
public final class AlembicModelBuilder implements AutoCloseable {

    /** The spec of the metadata the project's {@code env.py} gives {@code context.configure()} as {@code target_metadata}. */
    public static final String ENV_METADATA = "alembic";

    private final PythonHelper helper;
    private final Optional<AlembicProject> project;
    private final AlembicOptions options;

    private AlembicModelBuilder(PythonHelper helper, Optional<AlembicProject> project, AlembicOptions options) {
        this.helper = helper;
        this.project = project;
        this.options = options;
    }

    /**
     * Starts a helper; close the builder to end it.
     *
     * @param history the history's location: when it is an Alembic project, the metadata is read as its
     *     {@code env.py} sees it; anything else (or nothing) imports modules from the working directory
     * @throws AlembicException when the interpreter, Alembic or the driver is missing, or alembic.ini is broken
     */
    public static AlembicModelBuilder start(Optional<String> history, AlembicOptions options) {
        Optional<AlembicProject> project = history.filter(location -> !Locations.isClasspath(location))
                .flatMap(location -> AlembicProject.find(Path.of(Locations.withoutFilesystemPrefix(location))));
        PythonHelper helper = project.isPresent() ? AlembicSource.started(project.get(), options) : PythonHelper.start(options.python());
        return new AlembicModelBuilder(helper, project, options);
    }

    /** Whether the history is an Alembic project, which {@link #ENV_METADATA} and {@link #check} need. */
    public boolean hasProject() {
        return project.isPresent();
    }

    /** The {@code env.py} the project runs, in words; empty without a project. */
    public String envFile() {
        return project.map(p -> options.env() == null ? "the env.py of " + p.display(p.ini().toString())
                : AlembicOptions.MINIMAL_ENV.equals(options.env()) ? "--alembic-env minimal" : options.env()).orElse("");
    }

    /**
     * Creates the metadata's schemas, tables, types, indexes and sequences in {@code target}.
     *
     * @param spec {@link #ENV_METADATA}, or {@code module:attribute} naming a MetaData or a declarative base
     * @param password the password of the connection's user, for the helper's own connection
     * @throws Failure naming the module or env.py, the file and line, and the fix
     * @throws AlembicException when the helper died
     */
    public void createAll(String spec, Connection target, String password) {
        JsonObject answer = request(spec, target, password, false);
        if (!AlembicSource.ok(answer)) {
            throw failure(spec, answer);
        }
    }

    /**
     * What {@code alembic check} says of {@code target}: upgraded to heads by the project's {@code env.py},
     * then compared with the metadata by Alembic's own autogenerate, with the options env.py configures
     * ({@code compare_type}, {@code compare_server_default}, {@code include_object}).
     *
     * @throws Failure when the upgrade or the comparison fails, or there is no Alembic project
     */
    public Check check(String spec, Connection target, String password) {
        if (project.isEmpty()) {
            throw new Failure("", 0, "alembic check needs an Alembic project, and the history is none", "",
                    "verify an Alembic project to see what alembic check says");
        }
        JsonObject answer = request(spec, target, password, true);
        if (!AlembicSource.ok(answer)) {
            throw failure(spec, answer);
        }
        List<Reported> diffs = new ArrayList<>();
        for (JsonElement element : answer.getAsJsonArray("diffs")) {
            JsonObject diff = element.getAsJsonObject();
            List<String> subjects = new ArrayList<>();
            diff.getAsJsonArray("subjects").forEach(subject -> subjects.add(subject.getAsString()));
            diffs.add(new Reported(diff.get("text").getAsString(), subjects));
        }
        JsonObject settings = answer.getAsJsonObject("options");
        return new Check(AlembicHistory.text(answer, "alembic"), diffs, AlembicHistory.text(settings, "compare_type"),
                AlembicHistory.text(settings, "compare_server_default"));
    }

    private JsonObject request(String spec, Connection target, String password, boolean check) {
        JsonObject request = AlembicSource.request("model");
        request.addProperty("spec", spec);
        if (check) {
            request.addProperty("check", true);
        }
        try {
            request.add("target", StepTarget.of(target, password, null, null));
        } catch (SQLException e) {
            throw new Failure("", 0, e.getMessage(), "", "give the model a jdbc:postgresql://host:port/database connection");
        }
        JsonObject answer = helper.request(request);
        if (AlembicSource.isMissing(answer)) {
            throw new AlembicException(AlembicSource.missing(answer, helper));
        }
        return answer;
    }

    private Failure failure(String spec, JsonObject answer) {
        String stage = AlembicHistory.text(answer, "stage");
        String message = AlembicHistory.text(answer, "message");
        String file = display(AlembicHistory.text(answer, "file"));
        int line = file.isEmpty() || !answer.has("line") ? 0 : answer.get("line").getAsInt();
        String module = AlembicHistory.text(answer, "module");
        String env = project.map(p -> p.display(AlembicHistory.text(answer, "env"))).filter(e -> !e.isEmpty()).orElseGet(this::envFile);
        String here = file.isEmpty() ? "" : line > 0 ? file + ":" + line : file;
        String detail = AlembicHistory.text(answer, "detail");
        return switch (stage) {
            case "import" -> new Failure(file.isEmpty() ? module : file, line, "the module " + module
                    + " cannot be imported: " + message, detail,
                    importFix(module, here, AlembicHistory.text(answer, "exception")));
            case "attribute" -> new Failure(module, 0, message, "", "name the MetaData or the declarative base the"
                    + " module defines: sqlalchemy:" + module + ":<attribute>, e.g. sqlalchemy:" + module + ":Base");
            case "metadata" -> ENV_METADATA.equals(spec)
                    ? new Failure(env, 0, env + " configures no target_metadata", "",
                            AlembicOptions.MINIMAL_ENV.equals(options.env())
                                    ? "leave --alembic-env minimal out, or name the model as sqlalchemy:<module>:<attribute>"
                                    : "pass target_metadata=<the application's MetaData> to context.configure() in env.py"
                                            + " (alembic check needs it too), or name the model as sqlalchemy:<module>:<attribute>")
                    : new Failure(module, 0, message, "", "name a MetaData or a declarative base: sqlalchemy:<module>:<attribute>");
            case "env" -> new Failure(file.isEmpty() ? env : file, line, env + " failed while its target_metadata"
                    + " was read: " + message, detail, "correct " + (here.isEmpty() ? env : here)
                    + ", or name the model as sqlalchemy:<module>:<attribute>");
            case "create" -> new Failure(file.isEmpty() ? where(spec) : file, line, "create_all failed: " + message, detail,
                    "make the metadata build on an empty database: what a type or default needs (an extension, a"
                            + " function, a role) goes in an --init script, which runs first");
            default -> new Failure(file.isEmpty() ? where(spec) : file, line, stage + " failed: " + message, detail,
                    "correct " + (here.isEmpty() ? where(spec) : here));
        };
    }

    /**
     * The module itself was not found (no file to point at); a file of it imports something missing; or
     * it fails while it is imported.
     */
    private String importFix(String module, String here, String exception) {
        String python = "(--python, key " + AlembicSettings.PYTHON_KEY + ")";
        if (here.isEmpty()) {
            return "make " + module + " importable: name a module under " + importRoot() + " (where imports start from)"
                    + " or on PYTHONPATH, and run with the Python that has the project's packages " + python;
        }
        if ("ModuleNotFoundError".equals(exception)) {
            return "install what " + here + " imports into the Python that reads the model, or name the one that has"
                    + " the project's packages with --python (key " + AlembicSettings.PYTHON_KEY + ")";
        }
        return "correct " + here + ": the module must import without the application running (no database, no settings"
                + " it cannot find)";
    }

    private String where(String spec) {
        return ENV_METADATA.equals(spec) ? envFile() : spec;
    }

    private String importRoot() {
        return project.map(p -> p.root().toString()).orElseGet(() -> Path.of("").toAbsolutePath().toString());
    }

    /** A file as the user finds it: relative to the project, or without one to the working directory. */
    private String display(String file) {
        return AlembicProject.relativeTo(Path.of(importRoot()), file);
    }

    /** Ends the helper, which has closed its connections after each request. */
    @Override
    public void close() {
        helper.close();
    }

    /**
     * What {@code alembic check} reported.
     *
     * @param alembicVersion the Alembic that compared
     * @param diffs its differences, as autogenerate lists them
     * @param compareType env.py's {@code compare_type}, as Python writes it
     * @param compareServerDefault env.py's {@code compare_server_default}, as Python writes it
     */
    public record Check(String alembicVersion, List<Reported> diffs, String compareType, String compareServerDefault) {
        public Check {
            diffs = List.copyOf(diffs);
        }
    }

    /**
     * One of autogenerate's differences.
     *
     * @param text e.g. {@code add_column public.users.email}
     * @param subjects the schema-qualified tables, columns and indexes it is about: {@code public.users.email}
     */
    public record Reported(String text, List<String> subjects) {
        public Reported {
            subjects = List.copyOf(subjects);
        }
    }

    /** The model could not be built: where (a file, a module or env.py), the line when known, what and the fix. */
    public static final class Failure extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final String where;
        private final int line;
        private final String problem;
        private final String detail;
        private final String fix;

        Failure(String where, int line, String problem, String detail, String fix) {
            super((line > 0 ? where + ":" + line : where) + ": " + problem + ". Fix: " + fix);
            this.where = where;
            this.line = line;
            this.problem = problem;
            this.detail = detail;
            this.fix = fix;
        }

        /** The file (relative to the project), module or env.py the failure is in. */
        public String where() {
            return where;
        }

        /** The line in {@link #where()}, 0 when unknown. */
        public int line() {
            return line;
        }

        public String problem() {
            return problem;
        }

        /** Postgres' DETAIL, empty when none. */
        public String detail() {
            return detail;
        }

        public String fix() {
            return fix;
        }
    }
}
