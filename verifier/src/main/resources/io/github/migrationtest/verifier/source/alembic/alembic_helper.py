"""migrationtest's Alembic helper: runs one Alembic revision at a time, in the user's own Python.

The verifier starts this file with the interpreter the user chose and keeps it running, so Python's
start-up and Alembic's reading of the version files are paid once, not per step. It speaks one JSON
object per line: a request on stdin, one answer on stdout. Everything else a migration or env.py
prints goes to stderr, which the verifier keeps for error messages. It exits when stdin closes.

Requests (each answer has "ok"; a failed one has "message" and, where known, "file" and "line"):
  {"op": "open", "ini": path, "project": dir, "runFrom": [dir, ...], "env": null | "minimal" | path}
  {"op": "history"}                       the revisions, oldest first, with heads and bases
  {"op": "step", "revision": id, "upgrade": bool, "target": {...}}   one revision, by explicit id
  {"op": "model", "spec": "alembic" | "module:attribute", "target": {...}}  create_all of a model
"""
import ast
import builtins
import contextlib
import io
import json
import os
import signal
import sys
import time
import traceback
import types

# Answers go to the real stdout; print() in env.py or a migration, and C code writing to file
# descriptor 1, go to stderr instead, so nothing a user's code prints can break the protocol.
_ANSWERS = os.fdopen(os.dup(1), "w", buffering=1)
os.dup2(2, 1)
sys.stdout = sys.stderr
# Ctrl-C reaches the whole process group: the verifier decides what an interruption means and ends
# this helper by closing stdin, so a migration is never reported as failed by a KeyboardInterrupt.
signal.signal(signal.SIGINT, signal.SIG_IGN)


def answer(value):
    _ANSWERS.write(json.dumps(value) + "\n")
    _ANSWERS.flush()


try:
    import sqlalchemy
    from sqlalchemy import event
    from sqlalchemy.engine import Engine
    import alembic
    from alembic.config import CommandLine, Config
    from alembic.operations import Operations
    from alembic.runtime.environment import EnvironmentContext
    from alembic.runtime.migration import MigrationContext, RevisionStep
    from alembic.script import ScriptDirectory
    from alembic.util import load_python_file, pyc_file_from_path
except ImportError as error:
    import importlib.util
    # All that is missing at once, so that one install fixes it.
    answer({"ok": False, "kind": "missing", "module": getattr(error, "name", None) or "",
            "missing": [name for name in ("sqlalchemy", "alembic") if importlib.util.find_spec(name) is None],
            "message": str(error), "python": sys.executable, "pythonVersion": sys.version.split()[0]})
    sys.exit(3)

# The database of the step being run; every connection SQLAlchemy opens goes there (see _redirect).
_TARGET = {}
_OPENED = []
_STATE = {}


@event.listens_for(Engine, "do_connect")
def _redirect(dialect, connection_record, cargs, cparams):
    """Sends every connection SQLAlchemy opens to the verifier's database, whatever URL env.py computed
    (sqlalchemy.url, -x arguments, environment variables, its own settings): the only redirection that
    works for every env.py style, sync and async. The connections are closed after the step, so that
    none is left open on a database the verifier clones or drops."""
    if not _TARGET:
        return None
    if dialect.name != "postgresql":
        raise RuntimeError("env.py connects with the %s dialect; migrationtest runs the migrations on PostgreSQL:"
                           " make the URL env.py uses a postgresql:// one" % dialect.name)
    # The session settings env.py asks for (connect_args' options, ?options=-csearch_path%3Dapp in the URL, asyncpg's
    # server_settings) are the migrations' too: a search_path there decides where their tables go.
    their_options = cparams.get("options")
    their_settings = dict(cparams.get("server_settings") or {})
    database = _database_meant(cargs, cparams)
    for record, _connection, other in _OPENED:
        if other != database and getattr(record, "fairy_ref", None) is not None:
            raise TwoDatabasesAtOnce(other, database)
    del cargs[:]
    # Where and how to reach a database is the verifier's to say: the address, the login, and what would send the
    # connection elsewhere or demand what a disposable server does not offer (sslmode=require, a service file).
    for key in ("dsn", "host", "hostaddr", "port", "dbname", "database", "user", "password", "passfile", "service",
                "unix_sock", "options", "application_name", "server_settings", "sslmode", "sslrootcert", "sslcert",
                "sslkey", "sslcrl", "sslpassword", "ssl", "direct_tls", "gssencmode", "krbsrvname",
                "target_session_attrs"):
        cparams.pop(key, None)
    cparams.update(host=_TARGET["host"], port=int(_TARGET["port"]), user=_TARGET["user"])
    if _TARGET.get("password"):
        cparams["password"] = _TARGET["password"]
    settings = dict(_TARGET.get("settings") or {})
    if dialect.driver == "asyncpg":
        cparams["database"] = _TARGET["dbname"]
        cparams["server_settings"] = dict(their_settings, **settings, application_name="migrationtest-alembic")
    elif dialect.driver in ("psycopg2", "psycopg", "psycopg2cffi", "psycopg_async"):
        cparams["dbname"] = _TARGET["dbname"]
        cparams["application_name"] = "migrationtest-alembic"
        # The verifier's settings last: of two -c for one setting, the later holds.
        options = [their_options] if their_options else []
        options += ["-c %s=%s" % (k, v) for k, v in settings.items()]
        if options:
            cparams["options"] = " ".join(options)
    else:
        cparams["database"] = _TARGET["dbname"]
    connection = dialect.connect(*cargs, **cparams)
    _OPENED.append((connection_record, connection, database))
    return connection


class TwoDatabasesAtOnce(RuntimeError):
    """env.py holds a connection to one database while it opens one to another: Alembic's multidb layout (each
    database migrated in a transaction of its own, with its own version table, all committed at the end). Sent to the
    one database the verifier checks, the second connection's CREATE TABLE alembic_version would wait for the first's
    uncommitted one for ever, as this process holds both."""

    def __init__(self, first, second):
        super().__init__("env.py migrates two databases at once (%s, then %s, with a connection to the first still"
                         " open): migrationtest verifies one database, and sent to one, the second connection would wait"
                         " for ever for the first's uncommitted version table" % (_shown(first), _shown(second)))
        self.fix = ("Verify one database at a time: give --alembic-env (key migrationtest.alembic.env) an env.py that"
                    " migrates only that one (in Alembic's multidb layout, context.run_migrations(engine_name=\"<its"
                    " name>\") on a single connection)")


def _database_meant(cargs, cparams):
    """The database a connection was meant for, as env.py's URL named it, before the redirection replaces it."""
    return tuple(str(cparams.get(key) or "") for key in ("dsn", "service", "host", "hostaddr", "port", "dbname",
                                                           "database")) + tuple(str(argument) for argument in cargs)


def _shown(database):
    dsn, service, host, hostaddr, port, dbname, name = database[:7]
    if dsn:
        return repr(dsn)
    where = host or hostaddr or service
    return "%r%s" % (dbname or name or "", " on %s%s" % (where, ":" + port if port else "") if where else "")


def _close_opened():
    """Closes every connection the step opened. An engine that outlives the step (one env.py imports from
    the application) has its pooled connection invalidated, so that it reconnects next time."""
    while _OPENED:
        record, connection, _database = _OPENED.pop()
        try:
            if record is not None:
                record.invalidate()
        except Exception:
            pass
        try:
            connection.close()
        except Exception:
            # An async driver's connection cannot be closed outside its event loop; end it at once.
            inner = getattr(connection, "_connection", None)
            try:
                inner.terminate()
            except Exception:
                pass


def _url(target, drivername):
    from sqlalchemy.engine import URL
    return URL.create(drivername, username=target["user"], password=target.get("password") or None,
                      host=target["host"], port=int(target["port"]), database=target["dbname"])


def op_open(request):
    ini = os.path.abspath(request["ini"])
    project = os.path.abspath(request["project"])
    # As `alembic -c <ini> -n <section> -x <value>...` would: env.py may read config.cmd_opts itself, not only
    # through context.get_x_argument().
    arguments = ["-c", ini, "-n", request.get("iniSection") or "alembic"]
    for value in request.get("x") or []:
        arguments += ["-x", value]
    cmd_opts = CommandLine(prog="alembic").parser.parse_args(arguments)
    config = Config(ini, ini_section=cmd_opts.name, cmd_opts=cmd_opts)
    named = _named_environments(config)
    if named:
        return named
    # Alembic is run from the folder a relative script_location is found from, else from the folder of
    # alembic.ini (its default -c); the project's root is where the application's packages are imported
    # from, as when the team runs it.
    run_from = _run_folder(config, ini, request.get("runFrom") or [])
    if isinstance(run_from, dict):
        return run_from
    os.chdir(run_from)
    for folder in (os.path.dirname(ini), project):
        if folder not in sys.path:
            sys.path.insert(0, folder)
    _STATE["config"] = config
    _STATE["env"] = request.get("env")
    _STATE["ini_url"] = config.get_main_option("sqlalchemy.url")
    missing = _missing_driver(_STATE["ini_url"])
    if missing and _STATE["ini_url"] and _missing_driver(None) is None:
        # env.py may build its own URL (an environment variable, the application's settings) and never use alembic.ini's:
        # the steps connect with an installed driver, and an env.py that needs that one says so in its step.
        _STATE["ini_driver_missing"] = True
        missing = None
    if missing:
        return missing
    script = ScriptDirectory.from_config(config)
    _STATE["script"] = script
    no_env = None if _STATE["env"] else _no_env(script, config)
    if no_env:
        return no_env
    return {"ok": True, "alembic": alembic.__version__, "sqlalchemy": sqlalchemy.__version__,
            "python": sys.executable, "pythonVersion": sys.version.split()[0],
            # A package-style location (myapp:migrations) is a pathlib.Path: str() for the JSON answer.
            "scriptLocation": str(script.dir), "versionLocations": [str(v) for v in script.version_locations or []]}


def _named_environments(config):
    """An alembic.ini without the section read ([alembic], or the one --alembic-name names) whose sections are
    environments of their own, each run with `alembic --name <section>` (camptocamp/c2cgeoportal's [main] and [static]):
    Alembic's own error says only that the section is missing."""
    parser = config.file_config
    section = config.config_ini_section
    if parser.has_section(section):
        return None
    logging = ("loggers", "handlers", "formatters", "logger_", "handler_", "formatter_", "post_write_hooks")
    sections = [name for name in parser.sections() if not name.startswith(logging)
                and (parser.has_option(name, "script_location") or parser.has_option(name, "version_locations"))]
    named = ", ".join("[%s]" % name for name in sections)
    if section != "alembic":
        return {"ok": False, "message": "it has no [%s] section, which --alembic-name %s names; %s" % (section, section,
                ("its environments are " + named + ": name one of them") if sections
                else "its sections are " + (", ".join("[%s]" % name for name in parser.sections()) or "none")
                + ": name the one with script_location, or leave --alembic-name out for [alembic]")}
    if not sections:
        return None
    return {"ok": False, "message": "it has no [alembic] section, but %s, which Alembic runs with `alembic --name"
            " <section>`, one environment each: verify each with --alembic-name <section> (key migrationtest.alembic.name)"
            % named}


def _no_env(script, config):
    """The project's env.py, when its script_location has none: Alembic runs it for every command (and stops
    with "Can't find Python file .../env.py"), so no step could run. A project that runs Alembic through its
    own code (Flask-Alembic) has none, and needs --alembic-env."""
    path = os.path.join(str(script.dir), "env.py")
    if os.path.exists(path) or pyc_file_from_path(path) is not None:
        return None
    return {"ok": False, "kind": "noEnv", "value": config.get_main_option("script_location") or "",
            "env": os.path.abspath(path), "message": "Can't find Python file %s" % path}


def _run_folder(config, ini, candidates):
    """The folder to run Alembic from. A relative script_location is resolved by Alembic against the current
    directory (the folder `alembic` is run from; %(here)s is the ini-relative form), so it is looked for from
    each candidate the verifier sends, in order: the first with an env.py there, else the first that exists.
    An absolute or package-style (`myapp:migrations`) location, or none, does not depend on it."""
    ini_folder = os.path.dirname(ini)
    location = config.get_main_option("script_location")
    if not location or os.path.isabs(location) or ":" in location:
        return ini_folder
    folders = [os.path.abspath(folder) for folder in candidates] or [ini_folder]
    paths = [os.path.normpath(os.path.join(folder, location)) for folder in folders]
    for check in (lambda path: os.path.isfile(os.path.join(path, "env.py")), os.path.isdir):
        for folder, path in zip(folders, paths):
            if check(path):
                return folder
    return {"ok": False, "kind": "scriptLocation", "value": location, "tried": paths,
            "message": "script_location %r names no folder (tried %s)" % (location, ", ".join(paths))}


def _missing_driver(ini_url):
    """The database driver the steps will connect with (alembic.ini's, else psycopg2), imported now so that
    its absence is said once, at the start, not as every step's failure."""
    try:
        drivername = sqlalchemy.engine.make_url(ini_url).drivername if ini_url else "postgresql"
    except Exception:
        drivername = "postgresql"
    if not drivername.startswith("postgresql"):
        drivername = "postgresql"
    try:
        dialect = sqlalchemy.engine.make_url(drivername + "://").get_dialect()
        load = getattr(dialect, "import_dbapi", None) or dialect.dbapi
        load()
    except sqlalchemy.exc.NoSuchModuleError as error:
        # A dialect this SQLAlchemy does not have (postgresql+psycopg, psycopg 3, came with SQLAlchemy 2.0).
        return {"ok": False, "kind": "missing", "module": drivername,
                "message": "SQLAlchemy %s has no dialect %s (%s)" % (sqlalchemy.__version__, drivername, error),
                "python": sys.executable, "pythonVersion": sys.version.split()[0]}
    except ImportError as error:
        return {"ok": False, "kind": "missing", "module": getattr(error, "name", None) or drivername,
                "message": "%s (the driver of %s://)" % (error, drivername), "python": sys.executable,
                "pythonVersion": sys.version.split()[0]}
    return None


def _downgrade_kind(revision):
    """How a revision's downgrade looks without running it: missing, raising on purpose, or code."""
    function = getattr(revision.module, "downgrade", None)
    if function is None:
        return {"kind": "missing"}
    try:
        with open(revision.path, encoding="utf-8") as source:
            tree = ast.parse(source.read(), revision.path)
    except (OSError, SyntaxError, ValueError):
        return {"kind": "code"}
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == "downgrade":
            body = list(node.body)
            if body and isinstance(body[0], ast.Expr) and isinstance(getattr(body[0], "value", None), ast.Constant) \
                    and isinstance(body[0].value.value, str):
                body = body[1:]
            if len(body) == 1 and isinstance(body[0], ast.Raise):
                return {"kind": "raises", "line": body[0].lineno, "message": _raised_message(body[0])}
            if all(isinstance(statement, ast.Pass) for statement in body):
                return {"kind": "pass", "line": node.lineno}
            return {"kind": "code", "line": node.lineno}
    return {"kind": "code"}


def _raised_message(node):
    raised = node.exc
    name = ""
    if isinstance(raised, ast.Call):
        name = getattr(raised.func, "id", None) or getattr(raised.func, "attr", "")
        for argument in raised.args:
            if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                return "%s: %s" % (name, argument.value)
    elif raised is not None:
        name = getattr(raised, "id", None) or getattr(raised, "attr", "")
    return name or "raise"


def _read_revisions(script):
    """Imports the revision files as `alembic upgrade` does: while env.py runs the migrations, with Alembic's `op` and
    `context` set up, so that a file using them at import (`print(op.get_context())`, a dialect test at module level)
    loads as it does there; here against a Postgres context that connects nothing. Alembic keeps them once read."""
    if _STATE.get("revisions_read") is script:
        return
    with EnvironmentContext(_STATE["config"], script) as environment:
        environment.configure(dialect_name="postgresql")
        with Operations.context(environment.get_context()):
            script.get_heads()
    _STATE["revisions_read"] = script


def op_history(request):
    script = _STATE["script"]
    _read_revisions(script)
    revisions = list(script.walk_revisions("base", "heads"))
    revisions.reverse()
    items = []
    for revision in revisions:
        items.append({
            "id": revision.revision,
            "down": list(revision._all_down_revisions),
            "doc": revision.doc or "",
            "file": os.path.abspath(revision.path),
            "branchLabels": sorted(revision.branch_labels or ()),
            "merge": bool(revision.is_merge_point),
            "downgrade": _downgrade_kind(revision),
        })
    return {"ok": True, "revisions": items, "heads": list(script.get_heads()), "bases": list(script.get_bases()),
            "versionTable": _version_table()}


def _version_table():
    """The version table env.py configures, read by running env.py offline (no database, nothing
    emitted); Alembic's default when env.py cannot run that way."""
    captured = {}

    def capture(heads, context):
        captured["table"] = context._version.name
        captured["schema"] = context._version.schema
        return []

    # An env.py that computes its URL from sqlalchemy.url finds one; offline, nothing connects to it.
    _use_target({"host": "localhost", "port": 5432, "dbname": "migrationtest", "user": "migrationtest"})
    try:
        with EnvironmentContext(_STATE["config"], _STATE["script"], fn=capture, as_sql=True,
                                output_buffer=io.StringIO(), starting_rev=None, destination_rev="heads"), \
                _files_left_alone():
            _run_env()
        problem = None
    except BaseException as error:
        problem = _offline_problem(error)
    finally:
        _TARGET.clear()
    return {"name": captured.get("table") or "alembic_version", "schema": captured.get("schema"),
            "problem": None if "table" in captured else problem, "written": _written_version_tables()}


class _VersionTableLearnt(Exception):
    pass


def op_version_table(request):
    """The version table env.py configures when it runs online, for an env.py that cannot run offline (one that raises
    in offline mode, and computes the table from its settings): env.py runs on the scratch database it is given up to
    run_migrations(), which is stopped before it makes the table or runs any revision."""
    script = _STATE["script"]
    _read_revisions(script)
    captured = {}
    original = MigrationContext.run_migrations

    def stopped(self, **kwargs):
        captured["table"] = self._version.name
        captured["schema"] = self._version.schema
        raise _VersionTableLearnt()

    _use_target(request["target"])
    MigrationContext.run_migrations = stopped
    try:
        with EnvironmentContext(_STATE["config"], script, fn=lambda heads, context: [], as_sql=False,
                                starting_rev=None, destination_rev="heads"):
            _run_env()
    except BaseException:
        pass
    finally:
        MigrationContext.run_migrations = original
        _close_opened()
        _TARGET.clear()
    if "table" not in captured:
        return {"ok": True}
    return {"ok": True, "name": captured["table"], "schema": captured["schema"]}


@contextlib.contextmanager
def _files_left_alone():
    """While env.py runs offline only to be read (its version table, its target_metadata), a file it opens to write is
    a buffer in memory: an env.py that sends the offline SQL to a file of the project (output_buffer=open(path, "w"))
    would otherwise truncate and rewrite it, where Alembic writes it only for `upgrade --sql`. Reading is unchanged."""
    real = builtins.open

    def guarded(file, mode="r", *args, **kwargs):
        if isinstance(file, int) or not any(flag in mode for flag in "wax+"):
            return real(file, mode, *args, **kwargs)
        return io.BytesIO() if "b" in mode else io.StringIO()

    builtins.open = io.open = guarded
    try:
        yield
    finally:
        builtins.open = io.open = real


def _offline_problem(error):
    """Why env.py did not run offline, in the user's terms: the placeholder database it reached for is ours, not theirs."""
    if isinstance(error, (sqlalchemy.exc.OperationalError, sqlalchemy.exc.InterfaceError, ConnectionError)):
        return ("it connects to a database even when Alembic runs it offline: no `if context.is_offline_mode():`"
                " branch runs the migrations without one")
    return "%s: %s" % (type(error).__name__, str(error).splitlines()[0] if str(error) else "")


def _env_path():
    """The env.py the project runs (the path --alembic-env names, else the script location's); None for
    --alembic-env minimal, or before the configuration is read."""
    env = _STATE.get("env")
    if env == "minimal":
        return None
    if env:
        return os.path.abspath(env)
    return os.path.abspath(os.path.join(_STATE["script"].dir, "env.py")) if "script" in _STATE else None


def _written_version_tables():
    """The version tables env.py names in its own text: `version_table="x"` in a call, or a name bound to a
    string at module level and passed so. Offline, an env.py may configure another table than online
    (only its online branch passes version_table=): these are left out of snapshots too."""
    path = _env_path()
    if path is None:
        return []
    try:
        with open(path, encoding="utf-8") as source:
            tree = ast.parse(source.read(), path)
    except (OSError, SyntaxError, ValueError):
        return []
    constants = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    constants[target.id] = node.value.value
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.keyword) and node.arg == "version_table":
            value = node.value
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                names.append(value.value)
            elif isinstance(value, ast.Name) and value.id in constants:
                names.append(constants[value.id])
    return sorted(set(names))


def _run_env():
    env = _STATE.get("env")
    if env == "minimal":
        _minimal_env()
    elif env:
        load_python_file(os.path.dirname(os.path.abspath(env)), os.path.basename(env))
    else:
        _STATE["script"].run_env()


def _minimal_env():
    """What --alembic-env minimal runs instead of the project's env.py: the verifier's database, the
    default version table, no target_metadata; for an env.py that needs the whole application."""
    from alembic import context
    if context.is_offline_mode():
        context.configure(url="postgresql://", literal_binds=True)
        with context.begin_transaction():
            context.run_migrations()
        return
    # One engine per database, kept: its dialect reads the server's settings on its first connection
    # only, a few milliseconds that every step would pay again. NullPool keeps no connection open.
    engines = _STATE.setdefault("minimal_engines", {})
    key = (_TARGET["host"], _TARGET["port"], _TARGET["dbname"], _TARGET["user"])
    if key not in engines:
        engines[key] = sqlalchemy.create_engine(_url(_TARGET, "postgresql"), poolclass=sqlalchemy.pool.NullPool)
    with engines[key].connect() as connection:
        context.configure(connection=connection)
        with context.begin_transaction():
            context.run_migrations()


_original_autocommit_block = MigrationContext.autocommit_block


def _watched_autocommit_block(self):
    # Entering the block commits the step's work so far, and what runs in it commits statement by statement:
    # where the last block began is what a later failure cannot roll back.
    _STATE["autocommit"] = True
    _STATE["autocommit_at"] = _caller_in(_STATE.get("step_path"))
    return _original_autocommit_block(self)


def _caller_in(path):
    """The file and line in `path` (the running revision's file) that called, else the nearest caller."""
    frame = sys._getframe(2)
    nearest = frame
    wanted = os.path.realpath(path) if path else None
    while frame is not None:
        if wanted and os.path.realpath(frame.f_code.co_filename) == wanted:
            return {"file": os.path.abspath(frame.f_code.co_filename), "line": frame.f_lineno}
        frame = frame.f_back
    return {"file": os.path.abspath(nearest.f_code.co_filename), "line": nearest.f_lineno}


MigrationContext.autocommit_block = _watched_autocommit_block

_original_get_x_argument = EnvironmentContext.get_x_argument


def _watched_get_x_argument(self, as_dictionary=False):
    # What env.py or a revision read of `alembic -x`: a KeyError for a name missing there is the run's -x to give.
    values = _original_get_x_argument(self, as_dictionary=as_dictionary)
    _STATE.setdefault("x_read", []).append(values)
    return values


EnvironmentContext.get_x_argument = _watched_get_x_argument


def op_step(request):
    script = _STATE["script"]
    _read_revisions(script)
    revision = script.get_revision(request["revision"])
    upgrade = bool(request["upgrade"])
    step = RevisionStep(script.revision_map, revision, upgrade)
    observed = {"transactional": False}
    function = step.migration_fn

    def observed_migration(*args, **kwargs):
        # Whether the migration itself runs inside a transaction, whichever way env.py began one.
        context = _STATE.get("context")
        connection = getattr(context, "connection", None)
        try:
            observed["transactional"] = bool(connection is not None and connection.in_transaction())
        except Exception:
            observed["transactional"] = False
        try:
            return function(*args, **kwargs)
        except BaseException as error:
            observed["error"] = error
            raise

    step.migration_fn = observed_migration

    def steps(heads, context):
        _STATE["context"] = context
        return [step]

    _use_target(request["target"])
    _STATE["autocommit"] = False
    _STATE["autocommit_at"] = None
    _STATE["step_path"] = revision.path
    _STATE["x_read"] = []
    started = time.monotonic()
    try:
        destination = revision.revision if upgrade else (revision._normalized_down_revisions or ("base",))[0]
        with EnvironmentContext(_STATE["config"], script, fn=steps, as_sql=False, starting_rev=None,
                                destination_rev=destination, tag=None):
            _run_env()
        if "error" in observed:
            raise _SwallowedByEnv(observed["error"])
        return {"ok": True, "transactional": observed["transactional"] and not _STATE["autocommit"],
                "millis": int((time.monotonic() - started) * 1000)}
    except BaseException as error:
        swallowed = isinstance(error, _SwallowedByEnv)
        error = error.error if swallowed else _caught_by_env(error)
        failure = _failure(error, revision)
        if swallowed:
            failure["hint"] = _swallowed_hint(error, failure["hint"])
        missing_x = _missing_x_argument(error)
        if missing_x and not failure["fix"]:
            failure["fix"] = ("Give this run the value the revision reads with context.get_x_argument(), as `alembic -x"
                              " %s=<value> upgrade` gives it: --alembic-x %s=<value> (key migrationtest.alembic.x)"
                              % (missing_x, missing_x))
        failure["transactional"] = observed["transactional"] and not _STATE["autocommit"]
        if _STATE.get("autocommit_at"):
            failure["autocommitAt"] = _STATE["autocommit_at"]
        failure["irreversible"] = not upgrade and _says_irreversible(error)
        return failure
    finally:
        _STATE.pop("context", None)
        _STATE.pop("step_path", None)
        _STATE.pop("autocommit_at", None)
        _close_opened()
        _TARGET.clear()


def _missing_x_argument(error):
    """The name of an `alembic -x` value the step read and did not have (a KeyError of the dictionary that
    context.get_x_argument(as_dictionary=True) returned, or the error raised while handling it), else None."""
    dictionaries = [values for values in _STATE.get("x_read") or [] if isinstance(values, dict)]
    for candidate in (error, error.__context__):
        if isinstance(candidate, KeyError) and candidate.args and isinstance(candidate.args[0], str) \
                and dictionaries and all(candidate.args[0] not in values for values in dictionaries):
            return candidate.args[0]
    return None


class _SwallowedByEnv(Exception):
    """The revision's error, which env.py caught and went on from (logged it, rolled back): `alembic upgrade` exits 0,
    and the version table keeps the revision before, so nothing of the step happened."""

    def __init__(self, error):
        super().__init__(str(error))
        self.error = error


def _swallowed_hint(error, hint):
    """Where env.py caught the revision's error: its own frame in the error's traceback, the call it made."""
    env = _env_path()
    caught = None
    for frame in traceback.extract_tb(error.__traceback__):
        if env is not None and os.path.realpath(frame.filename) == os.path.realpath(env):
            caught = frame
    where = "env.py" if caught is None else "%s:%d" % (os.path.relpath(caught.filename, os.path.dirname(_STATE["script"].dir))
                                                       if "script" in _STATE else caught.filename, caught.lineno)
    said = ("env.py caught this error (at %s) and went on: `alembic` exits 0 and logs it, and the version table keeps"
            " the revision before, so the step did not happen" % where)
    return said if not hint else hint + "; " + said


def _use_target(target):
    _TARGET.clear()
    _TARGET.update(target)
    # env.py styles that read sqlalchemy.url find the verifier's database there too, with the driver
    # of the URL alembic.ini names (an async env.py needs its async driver) and its query (?options=-csearch_path%3Dapp
    # sets the session's search_path: where the migrations' tables go).
    ini = None
    if _STATE.get("ini_url"):
        try:
            ini = sqlalchemy.engine.make_url(_STATE["ini_url"])
        except Exception:
            pass
    if ini is None or not ini.drivername.startswith("postgresql") or _STATE.get("ini_driver_missing"):
        # None, or another database's URL (optuna's "sqlite:///alembic.db", kept for generating scripts): replaced
        # whole, as the migrations run on PostgreSQL.
        url = _url(target, "postgresql")
    else:
        url = _url(target, ini.drivername).set(query=ini.query)
    url = url.render_as_string(hide_password=False)
    _STATE["config"].set_main_option("sqlalchemy.url", url.replace("%", "%%"))


def _says_irreversible(error):
    if isinstance(error, NotImplementedError):
        return True
    text = str(error).lower()
    return any(word in text for word in ("irreversible", "not reversible", "cannot be downgraded",
                                         "can't be downgraded", "cannot downgrade", "no downgrade"))


def _caught_by_env(error):
    """The error a step failed with. An env.py that catches it, logs it and calls sys.exit(1) raises SystemExit, and
    Python keeps the error it was handling as that exception's context: that one says what went wrong, and where."""
    while isinstance(error, SystemExit) and isinstance(error.__context__, Exception):
        error = error.__context__
    return error


def _revision_id_too_long(original, statement, revision):
    """A revision id longer than the version table's column (varchar(32) as Alembic creates it): Postgres's error is
    raised in env.py's run_migrations(), where nothing is to be fixed. Said at the revision's own id, with the fix;
    None for any other failure."""
    if revision is None or getattr(original, "pgcode", None) != "22001" or "version_num" not in statement:
        return None
    line = 1
    try:
        with open(revision.path) as source:
            for number, text in enumerate(source, 1):
                if text.lstrip().startswith("revision") and revision.revision in text:
                    line = number
                    break
    except OSError:
        pass
    frame = traceback.FrameSummary(revision.path, line, "")
    message = ("the revision id %r is %d characters long, more than the version table's version_num column holds"
               % (revision.revision, len(revision.revision)))
    hint = ("Alembic creates version_num as varchar(32): give the revision an id of at most that (and its"
            " down_revision in the next revision), or have env.py create the version table with a wider column")
    return frame, message, hint


def _failure(error, revision=None):
    """The user's file and line nearest the error, and what Postgres said."""
    frames = traceback.extract_tb(error.__traceback__)
    chosen = None
    wanted = os.path.realpath(revision.path) if revision is not None else None
    script_dir = os.path.realpath(_STATE["script"].dir) if "script" in _STATE else None
    for frame in frames:
        path = os.path.realpath(frame.filename)
        if wanted and path == wanted:
            chosen = frame
    if chosen is None and script_dir:
        for frame in frames:
            if os.path.realpath(frame.filename).startswith(script_dir + os.sep):
                chosen = frame
    if chosen is None and frames:
        chosen = frames[-1]
    # A file Python cannot compile (a Python 2 `print "x"` in an old revision): the traceback ends in importlib, and the
    # file and line are the error's own.
    if isinstance(error, SyntaxError) and error.filename and os.path.isfile(error.filename):
        chosen = traceback.FrameSummary(error.filename, error.lineno or 0, "")
    original = getattr(error, "orig", None)
    diagnostics = getattr(original, "diag", None)
    message = getattr(diagnostics, "message_primary", None) if diagnostics is not None else None
    if not message:
        message = (str(original) if original is not None else "%s: %s" % (type(error).__name__, error)).strip()
        message = message.splitlines()[0] if message else type(error).__name__
    hint = (getattr(diagnostics, "message_hint", None) or "") if diagnostics is not None else ""
    if isinstance(error, ModuleNotFoundError) and getattr(error, "name", None) and not hint:
        hint = _missing_module_hint(error.name)
    elif isinstance(error, ImportError) and not hint:
        # `cannot import name 'mapped_column' from 'sqlalchemy.orm'`: the module is there, the name is not (a project
        # on SQLAlchemy 2.0 under 1.4), and saying the module is missing would send the user after the wrong thing.
        lacking = _lacking_name(error)
        if lacking:
            hint = ("%s %s of the Python at %s has no %s: name the interpreter that has the project's %s with --python"
                    " <path> (key migrationtest.alembic.python)" % (lacking["library"], lacking["version"],
                                                                    lacking["python"], lacking["name"],
                                                                    lacking["library"]))
    if isinstance(error, sqlalchemy.exc.NoSuchModuleError):
        hint = ("env.py builds its own URL (an environment variable, the application's settings), with a driver this"
                " Python's SQLAlchemy %s cannot load" % sqlalchemy.__version__)
    statement = str(getattr(error, "statement", "") or "")
    too_long = _revision_id_too_long(original, statement, revision)
    if too_long:
        chosen, message, hint = too_long
    # env.py (or the application it imports, or the driver its URL names) cannot be loaded: no revision's fault, and
    # what fixes it is another env.py or another Python, not a statement.
    env = _env_path()
    in_env = chosen is not None and env is not None and os.path.realpath(chosen.filename) == os.path.realpath(env)
    env_import = bool(isinstance(error, (ImportError, sqlalchemy.exc.NoSuchModuleError)) and in_env)
    # env.py stopped in a step before it connected, with an error of its own (not this helper's refusal of a sqlite URL):
    # most often what the team's environment gives it is missing (`os.environ["DATABASE_URL"]`, a settings object).
    env_setup = bool(in_env and revision is not None and not env_import and original is None and not _OPENED
                     and not isinstance(error, SyntaxError)
                     and frames[-1].filename != _redirect.__code__.co_filename)
    # Flask-Migrate's env.py reads current_app, which `flask db upgrade` sets up and plain Alembic does not.
    flask_context = env_setup and isinstance(error, RuntimeError) and "outside of application context" in str(error)
    return {
        "ok": False,
        "file": os.path.abspath(chosen.filename) if chosen else "",
        "line": chosen.lineno if chosen else 0,
        "message": message,
        "detail": (getattr(diagnostics, "message_detail", None) or "") if diagnostics is not None else "",
        "hint": hint,
        "sqlState": getattr(original, "pgcode", None) or getattr(original, "sqlstate", None) or "",
        "statement": statement,
        "exception": type(error).__name__,
        "envImport": env_import,
        "envSetup": env_setup and not flask_context,
        "flaskContext": flask_context,
        "fix": getattr(error, "fix", "") if isinstance(error, TwoDatabasesAtOnce) else "",
        "lacking": _lacking_name(error),
        "python": sys.executable,
        "pythonVersion": sys.version.split()[0],
        "traceback": "".join(traceback.format_exception(type(error), error, error.__traceback__))[-4000:],
    }


def _lacking_name(error):
    """A name a revision takes from SQLAlchemy or Alembic that their versions in this Python lack (sa.UUID, new in
    SQLAlchemy 2.0, under 1.4): written for the project's own versions, the revision needs its interpreter rather
    than another statement. None for any other failure."""
    if isinstance(error, AttributeError) and isinstance(getattr(error, "obj", None), types.ModuleType) \
            and getattr(error, "name", None):
        module, name = error.obj.__name__, error.name
    elif isinstance(error, AttributeError) and getattr(error, "name", None) and getattr(error, "obj", None) is not None \
            and str(error) == "'%s' object has no attribute '%s'" % (type(error.obj).__name__, error.name):
        # A method of an object of SQLAlchemy or Alembic (SQLAlchemy 2.0's Connection.commit() in an env.py, under 1.4):
        # Python's own message, not one a library's __getattr__ wrote (a row without that column).
        module, name = type(error.obj).__module__, "%s.%s" % (type(error.obj).__qualname__, error.name)
    elif isinstance(error, ImportError) and not isinstance(error, ModuleNotFoundError) and error.name \
            and str(error).startswith("cannot import name '"):
        module, name = error.name, str(error)[len("cannot import name '"):].split("'")[0]
    else:
        return None
    library = {"sqlalchemy": ("SQLAlchemy", sqlalchemy.__version__), "alembic": ("Alembic", alembic.__version__)}.get(
        module.split(".")[0])
    if library is None:
        return None
    return {"library": library[0], "version": library[1], "name": "%s.%s" % (module, name), "python": sys.executable}


# The drivers SQLAlchemy imports for a postgresql URL, and the packages that bring them.
_DRIVERS = {"psycopg2": ("psycopg2-binary", "python3-psycopg2"), "asyncpg": ("asyncpg", "python3-asyncpg"),
            "psycopg": ("'psycopg[binary]'", "python3-psycopg"), "pg8000": ("pg8000", "python3-pg8000")}


def _missing_module_hint(module):
    """What to do when env.py or a migration imports a module this interpreter lacks: a driver is installed,
    the application's own packages come with the interpreter that has them."""
    top = module.split(".")[0]
    where = "the Python at %s has no module '%s'" % (sys.executable, module)
    choose = "name the interpreter that has the project's packages with --python <path> (key migrationtest.alembic.python)"
    if top in _DRIVERS:
        pip, debian = _DRIVERS[top]
        return "%s: install it into that interpreter (pip install %s; on Debian: apt install %s), or %s" % (
            where, pip, debian, choose)
    return "%s: %s, or put the project's packages on PYTHONPATH" % (where, choose)


def op_model(request):
    """The schema the application's SQLAlchemy metadata describes, in the target database.

    {"spec": "alembic" | "module:attribute", "target": {...}} runs create_all in the target (a scratch
    database): the schemas the tables name first, since create_all creates none.
    With "check": true it says what `alembic check` would of the target instead: upgraded to heads
    through env.py, then compared by Alembic's own autogenerate with the options env.py configures.
    A failure says at which "stage" (import, attribute, metadata, env, create, upgrade, compare)."""
    stage = {"name": "metadata"}
    if "config" in _STATE:
        _use_target(request["target"])
    else:
        _TARGET.clear()
        _TARGET.update(request["target"])
    try:
        if request.get("check"):
            return _alembic_check(request["spec"], stage)
        metadata = _metadata(request["spec"], stage)
        stage["name"] = "create"
        engine = sqlalchemy.create_engine(_url(_TARGET, _sync_drivername()), poolclass=sqlalchemy.pool.NullPool)
        try:
            with engine.begin() as connection:
                preparer = connection.dialect.identifier_preparer
                for schema in _schemas(metadata):
                    connection.execute(sqlalchemy.text("CREATE SCHEMA IF NOT EXISTS " + preparer.quote_schema(schema)))
                for one in metadata:
                    one.create_all(connection)
        finally:
            engine.dispose()
        return {"ok": True, "tables": sum(len(one.tables) for one in metadata)}
    except BaseException as error:
        return _model_failure(error, stage["name"], request["spec"])
    finally:
        _close_opened()
        _TARGET.clear()


class _NoModel(Exception):
    """The spec names no metadata: env.py configures none, or the attribute is something else."""


def _metadata(spec, stage):
    if spec == "alembic":
        found = _env_metadata(stage)
    else:
        import importlib
        module_name, _, attribute = spec.partition(":")
        stage["name"] = "import"
        found = importlib.import_module(module_name)
        stage["name"] = "attribute"
        for part in attribute.split("."):
            found = getattr(found, part)
        stage["name"] = "metadata"
        found = getattr(found, "metadata", found)
    found = list(found) if isinstance(found, (list, tuple)) else [found]
    for one in found:
        if not isinstance(one, sqlalchemy.MetaData):
            raise _NoModel("%s is a %s, not SQLAlchemy MetaData or a declarative base" % (spec, type(one).__name__))
    return found


def _env_metadata(stage):
    """The target_metadata env.py gives context.configure(): read offline (nothing connects), else
    online against the target, whose version table it may create is dropped again."""
    if _STATE.get("env") == "minimal":
        raise _NoModel("--alembic-env minimal configures no target_metadata")
    captured = {}

    def capture(heads, context):
        captured["metadata"] = context.opts.get("target_metadata")
        captured["version"] = context._version
        return []

    stage["name"] = "env"
    try:
        with EnvironmentContext(_STATE["config"], _STATE["script"], fn=capture, as_sql=True,
                                output_buffer=io.StringIO(), starting_rev=None, destination_rev="heads"), \
                _files_left_alone():
            _run_env()
    except BaseException:
        if "metadata" in captured:
            raise
        captured.clear()
        with EnvironmentContext(_STATE["config"], _STATE["script"], fn=capture, as_sql=False,
                                starting_rev=None, destination_rev="heads"):
            _run_env()
        _close_opened()
        _drop_version_table(captured.get("version"))
    stage["name"] = "metadata"
    if captured.get("metadata") is None:
        raise _NoModel("env.py configures no target_metadata")
    return captured["metadata"]


def _drop_version_table(version):
    if version is None:
        return
    engine = sqlalchemy.create_engine(_url(_TARGET, _sync_drivername()), poolclass=sqlalchemy.pool.NullPool)
    try:
        with engine.begin() as connection:
            version.drop(connection, checkfirst=True)
    finally:
        engine.dispose()


def _schemas(metadata):
    """The schemas the metadata's tables and sequences live in, which create_all expects to exist."""
    names = set()
    for one in metadata:
        names.update(table.schema for table in one.tables.values() if table.schema)
        names.update(sequence.schema for sequence in one._sequences.values() if sequence.schema)
    return sorted(names)


def _sync_drivername():
    """A synchronous driver for create_all: the one alembic.ini names, else an installed one."""
    if _STATE.get("ini_url") and not _STATE.get("ini_driver_missing"):
        try:
            url = sqlalchemy.engine.make_url(_STATE["ini_url"])
            if url.get_backend_name() == "postgresql" and url.get_driver_name() not in ("asyncpg", "psycopg_async"):
                return url.drivername
        except Exception:
            pass
    import importlib.util
    for module, drivername in (("psycopg2", "postgresql+psycopg2"), ("psycopg", "postgresql+psycopg"),
                               ("pg8000", "postgresql+pg8000")):
        if importlib.util.find_spec(module) is not None:
            return drivername
    return "postgresql"


def _alembic_check(spec, stage):
    """What `alembic check` says of the target: env.py upgrades it to heads, then Alembic's autogenerate
    compares it with the metadata, using the options env.py gives context.configure()."""
    config, script = _STATE["config"], _STATE["script"]
    stage["name"] = "upgrade"
    with EnvironmentContext(config, script, fn=lambda heads, context: script._upgrade_revs("heads", heads),
                            as_sql=False, starting_rev=None, destination_rev="heads"):
        _run_env()
    _close_opened()
    given = None if spec == "alembic" else _metadata(spec, stage)
    result = {}

    def compare(heads, context):
        from alembic.autogenerate import compare_metadata
        stage["name"] = "metadata"
        metadata = context.opts.get("target_metadata") if given is None else given
        if metadata is None:
            raise _NoModel("env.py configures no target_metadata")
        if isinstance(metadata, (list, tuple)) and len(metadata) == 1:
            metadata = metadata[0]
        stage["name"] = "compare"
        default_schema = context.connection.dialect.default_schema_name
        result["diffs"] = [_diff_text(diff, default_schema) for diff in compare_metadata(context, metadata)]
        result["options"] = {key: repr(context.opts.get(key)) for key in ("compare_type", "compare_server_default")}
        return []

    stage["name"] = "env"
    with EnvironmentContext(config, script, fn=compare, as_sql=False, starting_rev=None, destination_rev="heads"):
        _run_env()
    return {"ok": True, "alembic": alembic.__version__, "diffs": result.get("diffs", []),
            "options": result.get("options", {})}


def _diff_text(diff, default_schema):
    """One of autogenerate's diffs as {"text", "subjects"}: the subjects are the schema-qualified tables,
    columns and indexes it is about, so the verifier can tell which of its own differences it saw."""
    if isinstance(diff, list):
        parts = [_diff_text(one, default_schema) for one in diff]
        return {"text": "; ".join(part["text"] for part in parts),
                "subjects": [subject for part in parts for subject in part["subjects"]]}
    operation, arguments = diff[0], list(diff[1:])

    def qualified(schema, name):
        return "%s.%s" % (schema or default_schema, name)

    first = arguments[0] if arguments else None
    if isinstance(first, sqlalchemy.Table):
        subject = qualified(first.schema, first.name)
        return {"text": "%s %s" % (operation, subject), "subjects": [subject]}
    if len(arguments) >= 3 and isinstance(arguments[2], sqlalchemy.Column):
        subject = qualified(arguments[0], "%s.%s" % (arguments[1], arguments[2].name))
        return {"text": "%s %s" % (operation, subject), "subjects": [subject]}
    if len(arguments) >= 6 and isinstance(arguments[1], str) and isinstance(arguments[2], str):
        subject = qualified(arguments[0], "%s.%s" % (arguments[1], arguments[2]))
        old, new = (getattr(value, "arg", value) for value in arguments[4:6])
        return {"text": "%s %s: %s -> %s" % (operation, subject, _sql_text(old), _sql_text(new)), "subjects": [subject]}
    table = getattr(first, "table", None)
    if isinstance(table, sqlalchemy.Table):
        name = getattr(first, "name", None) or "(unnamed %s)" % type(first).__name__
        subjects = [qualified(table.schema, name), qualified(table.schema, table.name)]
        return {"text": "%s %s on %s" % (operation, name, subjects[1]), "subjects": subjects}
    return {"text": "%s %s" % (operation, " ".join(_sql_text(argument) for argument in arguments)), "subjects": []}


def _sql_text(value):
    text = getattr(value, "text", None)
    if isinstance(text, str):
        return text
    try:
        return str(value)
    except Exception:
        return repr(value)


def _model_failure(error, stage, spec):
    """Which stage failed, and the user's file and line nearest the error (not SQLAlchemy's own)."""
    failure = _failure(error)
    failure["stage"] = stage
    if spec != "alembic":
        failure["module"] = spec.partition(":")[0]
    library = tuple(os.path.dirname(os.path.realpath(module.__file__)) for module in (sqlalchemy, alembic, os))
    chosen = None
    for frame in traceback.extract_tb(error.__traceback__):
        path = os.path.realpath(frame.filename)
        if os.path.isfile(path) and not path.startswith(library) and "-packages" + os.sep not in path:
            chosen = frame
    if isinstance(error, SyntaxError) and error.filename and os.path.isfile(error.filename):
        failure["file"], failure["line"] = os.path.abspath(error.filename), error.lineno or 0
    elif chosen is not None:
        failure["file"], failure["line"] = os.path.abspath(chosen.filename), chosen.lineno
    else:
        failure["file"], failure["line"] = "", 0
    if stage == "env" or isinstance(error, _NoModel) and spec == "alembic":
        failure.setdefault("env", _env_path() or "")
    return failure


OPERATIONS = {"open": op_open, "history": op_history, "step": op_step, "model": op_model,
              "versionTable": op_version_table}


def main():
    for line in sys.stdin:
        if not line.strip():
            continue
        request = json.loads(line)
        try:
            result = OPERATIONS[request["op"]](request)
        except BaseException as error:
            result = _failure(error)
        answer(result)


if __name__ == "__main__":
    main()
