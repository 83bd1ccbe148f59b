package io.github.migrationtest.verifier.postgres;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Postgres that hands out {@link DisposableDatabase}s. One is shared per JVM and
 * settings ({@link #shared()}); it is thread-safe, and everything it made is dropped or stopped
 * when it is closed or, at the latest, when the JVM exits.
 */
public final class PostgresServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresServer.class);
    /** Every database this tool creates starts with this prefix. */
    public static final String DATABASE_PREFIX = "migrationtest_";
    private static final String OBJECT_IN_USE = "55006";
    private static final long TEMPLATE_BUSY_WAIT_MILLIS = 5_000;
    /** How long a clone or a drop waits for sessions that are ending to be gone (see {@link #awaitSessionsEnded}). */
    private static final long SESSIONS_ENDING_WAIT_NANOS = 250_000_000L;

    private static final Map<PostgresSettings, PostgresServer> SHARED = new HashMap<>();
    private static final Set<PostgresServer> OPEN = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(PostgresServer::closeAllAtExit, "migrationtest-cleanup"));
    }

    private final RunningPostgres running;
    /** What this server was started with: {@link #startAnother()} starts its twin. */
    private final PostgresSettings settings;
    private final String runId;
    /** On a server other runs share: the lock that shows this run is alive; null elsewhere. */
    private final RunLease lease;
    private final AtomicInteger sequence = new AtomicInteger();
    private final Set<String> databases = ConcurrentHashMap.newKeySet();
    private final AdminConnections admin;
    private final int majorVersion;
    private final String copyStrategy;
    /** What every database we create says about itself; fixed for the run, so worked out once. */
    private final String marker;
    private volatile boolean keepServer;
    private volatile boolean closed;

    private final List<String> notices;
    /** Who the migrations log in as, and the role the run made for them. */
    private final MigrationRole migrationRole;

    private PostgresServer(RunningPostgres running, List<String> notices, PostgresSettings settings) {
        this.running = running;
        this.settings = settings;
        this.admin = new AdminConnections(running.endpoint());
        this.majorVersion = queryMajorVersion();
        this.lease = running.backend() == Backend.SERVER ? takeLease() : null;
        this.runId = lease != null ? lease.runId() : HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        List<String> said = new ArrayList<>(notices);
        if (lease != null) {
            reclaimDeadRuns().ifPresent(said::add);
        }
        // Measured: FILE_COPY creates a small database about twice as fast as WAL_LOG (Postgres 15+'s
        // default) when durability is off. On someone else's durable server its checkpoints cost more.
        this.copyStrategy = majorVersion >= 15 && running.backend() != Backend.SERVER ? " STRATEGY FILE_COPY" : "";
        // Not per database: the host name lookup behind it costs milliseconds whenever the JDK's cache has expired.
        this.marker = marker(runId, lease);
        this.migrationRole = openMigrationRole(settings.migrations());
        migrationRole.notice().ifPresent(said::add);
        this.notices = List.copyOf(said);
        OPEN.add(this);
    }

    /** The server shared by this JVM for the settings from system properties and the environment. */
    public static PostgresServer shared() {
        return shared(PostgresSettings.fromEnvironment());
    }

    /** The server shared by this JVM for these settings, started on first use. */
    public static synchronized PostgresServer shared(PostgresSettings settings) {
        PostgresServer server = SHARED.get(settings);
        if (server == null || server.closed) {
            server = start(settings);
            SHARED.put(settings, server);
        }
        return server;
    }

    /**
     * Where a library user hears of a slow preparation (fetching binaries, tens of seconds): standard
     * error, since a test project's SLF4J often has no binding and the run would seem to hang.
     */
    static final Consumer<String> STDERR_PROGRESS = line -> System.err.println("migrationtest: " + line);

    /** Starts a server of its own; the caller closes it. */
    public static PostgresServer start(PostgresSettings settings) {
        return start(settings, STDERR_PROGRESS);
    }

    /** Starts a server of its own, telling {@code progress} of slow preparations; the caller closes it. */
    public static PostgresServer start(PostgresSettings settings, Consumer<String> progress) {
        Provisioner provisioner = new Provisioner(DockerEnvironment.ofThisProcess(), progress);
        RunningPostgres running = provisioner.provision(settings);
        List<String> notices = new ArrayList<>(running.notices());
        notices.addAll(provisioner.notices());
        return new PostgresServer(running, notices, settings);
    }

    /**
     * Whether {@link #startAnother()} can start a twin of this server: servers of our own can be
     * started again (embedded, a container); a server the user gave is the only one there is.
     */
    public boolean canStartAnother() {
        return running.backend() != Backend.SERVER;
    }

    /**
     * Starts a twin of this server (its backend, major version and settings) for work that must not
     * share this server's roles and other server-wide objects; the caller closes it.
     */
    public PostgresServer startAnother() {
        if (!canStartAnother()) {
            throw new IllegalStateException("the server " + description() + " was given, and there is no other");
        }
        // The first start already told of slow preparations (fetching binaries): the twin starts quietly.
        return start(settings.withBackend(running.backend()).withMajorVersion(majorVersion), line -> { });
    }

    /**
     * What the user should hear about how this server was provided (a fallback in auto mode, stale
     * servers reclaimed); the command line prints these, since a library's log may go nowhere.
     */
    public List<String> notices() {
        return notices;
    }

    /** A fresh, empty database, cloned from {@code template0} so nothing an administrator put in template1 leaks in. */
    public DisposableDatabase createDatabase() {
        return create("template0");
    }

    /**
     * A fresh database cloned from another one (schema and data), e.g. a state to come back to.
     * Nobody may be connected to the template while it is cloned.
     */
    public DisposableDatabase createDatabaseFrom(DisposableDatabase template) {
        return create(template.name());
    }

    private DisposableDatabase create(String template) {
        ensureOpen();
        String name = DATABASE_PREFIX + runId + "_" + sequence.incrementAndGet();
        databases.add(name);
        try {
            if (lease != null) {
                lease.ensureHeld();
            }
            admin.use(statement -> {
                if (!template.equals("template0")) {
                    awaitSessionsEnded(statement, template);
                }
                createWaitingForTemplate(statement, name, template, copyStrategy + migrationRole.ownerClause());
                if (!template.equals("template0")) {
                    ClonedSettings.copy(statement, template, name).ifPresent(LOG::warn);
                }
                return statement.execute("COMMENT ON DATABASE " + quote(name) + " IS " + literal(marker));
            });
            if (closed) {
                // Closed meanwhile (an interrupted run's shutdown hook), maybe before it could see this one.
                databases.add(name);
                drop(name);
                throw new IllegalStateException("This PostgresServer was closed while creating " + name);
            }
        } catch (SQLException e) {
            drop(name); // the database may exist: the failure can come after CREATE DATABASE
            throw new PostgresUnavailableException("Could not create database " + name + " from " + template
                    + " on " + description() + ": " + e.getMessage(), e);
        }
        return new DisposableDatabase(this, name, running.endpoint(), migrationRole.endpoint());
    }

    /**
     * Waits a moment, polling every millisecond, for the sessions on a database to be gone. A session whose client has
     * just closed it ends within a millisecond or two, but {@code CREATE DATABASE ... TEMPLATE} and {@code DROP
     * DATABASE} that still see it sleep 100 ms before looking again (Postgres's {@code CountOtherDBBackends}): a
     * tenth of a second on every checkpoint, rebuild and drop of the walk, right after it closed its connections.
     * Sessions still there after the wait are left to the statement's own handling (retry, or FORCE).
     */
    private static void awaitSessionsEnded(Statement statement, String database) throws SQLException {
        long deadline = System.nanoTime() + SESSIONS_ENDING_WAIT_NANOS;
        String sessions = "SELECT count(*) FROM pg_catalog.pg_stat_activity WHERE datname = " + literal(database);
        while (System.nanoTime() < deadline) {
            try (ResultSet row = statement.executeQuery(sessions)) {
                if (row.next() && row.getLong(1) == 0) {
                    return;
                }
            }
            sleep(1);
        }
    }

    /** A connection closed by its client lingers for a moment on the server, so a busy template is retried briefly. */
    private static void createWaitingForTemplate(Statement statement, String name, String template, String strategy)
            throws SQLException {
        long deadline = System.currentTimeMillis() + TEMPLATE_BUSY_WAIT_MILLIS;
        while (true) {
            try {
                statement.execute("CREATE DATABASE " + quote(name) + " TEMPLATE " + quote(template) + strategy);
                return;
            } catch (SQLException e) {
                if (!OBJECT_IN_USE.equals(e.getSQLState()) || System.currentTimeMillis() > deadline) {
                    throw e;
                }
                sleep(20);
            }
        }
    }

    void release(DisposableDatabase database) {
        if (database.isKept()) {
            keepServer = true;
            databases.remove(database.name()); // the user's now: closing the server must not drop it
            unmark(database.name());
            LOG.warn("Kept {} for inspection. Connect with: {}. {}", database.name(), database.connectionHint(),
                    running.lifetimeNote());
            return;
        }
        drop(database.name());
    }

    /** A kept database no longer says it is a run's disposable one, so no later run reclaims it. */
    private void unmark(String name) {
        try {
            admin.use(statement -> statement.execute("COMMENT ON DATABASE " + quote(name) + " IS "
                    + literal("kept for inspection by migrationtest run " + runId + "; drop it when done")));
        } catch (SQLException e) {
            LOG.warn("Could not mark {} as kept: a later run may drop it once this run has ended: {}", name,
                    e.getMessage());
        }
    }

    private void drop(String name) {
        if (!databases.remove(name)) {
            return; // never ours, or dropped already: we only ever drop what we created
        }
        try {
            admin.use(statement -> {
                awaitSessionsEnded(statement, name);
                return statement.execute("DROP DATABASE IF EXISTS " + quote(name) + " WITH (FORCE)");
            });
        } catch (SQLException e) {
            LOG.warn("Could not drop database {} on {}: {}", name, description(), e.getMessage());
        }
    }

    /**
     * Drops the databases still open (not the kept ones) and stops the server if we started it. A
     * second caller (the shutdown hook, while an interrupted run is closing it) waits until that is
     * done: returning at once would let the JVM exit with the server half stopped.
     */
    @Override
    public synchronized void close() {
        synchronized (PostgresServer.class) {
            if (closed) {
                return;
            }
            closed = true;
            SHARED.values().remove(this);
        }
        OPEN.remove(this);
        for (String name : List.copyOf(databases)) {
            drop(name);
        }
        if (keepServer) {
            migrationRole.keep(admin, "kept with a database for inspection by migrationtest run " + runId
                    + "; drop it after the database");
        } else {
            migrationRole.drop(admin, description());
        }
        admin.close();
        if (lease != null) {
            lease.close();
        }
        if (keepServer) {
            LOG.warn("{} is left running because a database on it was kept.", description());
        } else {
            running.stop();
        }
    }

    private static void closeAllAtExit() {
        for (PostgresServer server : List.copyOf(OPEN)) {
            try {
                server.close();
            } catch (RuntimeException e) {
                LOG.warn("Cleanup of {} failed: {}", server.description(), e.getMessage());
            }
        }
    }

    /** One line: the backend, the version and where the server runs. */
    public String description() {
        return running.description();
    }

    public Backend backend() {
        return running.backend();
    }

    public int majorVersion() {
        return majorVersion;
    }

    /** The names of the databases this server handed out and has not dropped yet. */
    public Set<String> openDatabases() {
        return Set.copyOf(databases);
    }

    RunningPostgres running() {
        return running;
    }

    private int queryMajorVersion() {
        try {
            return admin.use(statement -> {
                try (ResultSet rows = statement.executeQuery("SELECT current_setting('server_version_num')::int / 10000")) {
                    rows.next();
                    return rows.getInt(1);
                }
            });
        } catch (SQLException e) {
            running.stop();
            throw new PostgresUnavailableException("Started " + running.description()
                    + " but could not connect to it: " + e.getMessage(), e);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("This PostgresServer is closed: " + description());
        }
    }

    private static String marker(String runId, RunLease lease) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown host";
        }
        return String.format("migrationtest disposable database, run %s (pid %d on %s, started %s%s); safe to drop",
                runId, ProcessHandle.current().pid(), host, Instant.now().truncatedTo(ChronoUnit.SECONDS),
                lease == null ? "" : "; " + lease.marking());
    }

    /** The migrations' login; a server whose user cannot set it up is not used, with the fix in the message. */
    private MigrationRole openMigrationRole(MigrationLogin migrations) {
        try {
            return MigrationRole.open(admin, running.endpoint(), migrations, runId, marker);
        } catch (SQLException e) {
            admin.close();
            if (lease != null) {
                lease.close();
            }
            running.stop();
            throw new PostgresUnavailableException("Could not prepare the login the migrations run as ("
                    + migrations.describe() + ") on " + running.description() + ": " + e.getMessage(), e);
        }
    }

    /** Who the migrations run as, for messages (a step that lacked a privilege names it). */
    public MigrationLogin.Kind migrationsKind() {
        return migrationRole.kind();
    }

    private RunLease takeLease() {
        try {
            return RunLease.acquire(running.endpoint());
        } catch (SQLException e) {
            admin.close();
            throw new PostgresUnavailableException("Could not take this run's lock on " + running.description()
                    + " (it tells later runs that this run's databases are in use): " + e.getMessage(), e);
        }
    }

    /** Drops what killed runs left on a shared server, before this run adds its own; one line to say so. */
    private Optional<String> reclaimDeadRuns() {
        List<String> dropped = new ArrayList<>(RunLease.reclaimDead(admin, running.description()));
        int databases = dropped.size();
        List<String> roles = RunLease.reclaimDeadRoles(admin, running.description()); // after the databases they own
        dropped.addAll(roles);
        if (dropped.isEmpty()) {
            return Optional.empty();
        }
        String what = (databases == 0 ? "" : databases + " database" + (databases == 1 ? "" : "s"))
                + (databases == 0 || roles.isEmpty() ? "" : " and ")
                + (roles.isEmpty() ? "" : roles.size() + " role" + (roles.size() == 1 ? "" : "s"));
        return Optional.of(String.format("Dropped %s left on %s by runs that ended without cleaning up (killed?): %s",
                what, running.description(), String.join(", ", dropped)));
    }

    /** An identifier always quoted, as statements that name a role or database the walk made write it. */
    public static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    static String literal(String text) {
        return '\'' + text.replace("'", "''") + '\'';
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PostgresUnavailableException("Interrupted while waiting for a template database", e);
        }
    }
}
