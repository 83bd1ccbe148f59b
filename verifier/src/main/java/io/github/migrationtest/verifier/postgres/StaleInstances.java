package io.github.migrationtest.verifier.postgres;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reclaims what a killed run left: every instance folder holds a lock file that its JVM keeps
 * locked while alive. The operating system releases the lock when that JVM dies, even by
 * {@code kill -9}, so a folder whose lock we can take is stale: its server is stopped and the
 * folder deleted. A folder whose owner process is alive, or whose lock is held, belongs to a live
 * run and is left alone.
 */
final class StaleInstances {

    private static final Logger LOG = LoggerFactory.getLogger(StaleInstances.class);
    static final String LOCK_FILE = "instance.lock";
    static final String OWNER_FILE = "owner.pid";
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration SETUP_GRACE = Duration.ofMinutes(1);
    private static final Path PROC_SELF = Path.of("/proc/self");
    private static final long UNKNOWN_START = -1;
    // Start times come from /proc in clock ticks and the boot time in seconds: allow for rounding.
    private static final long START_TOLERANCE_MILLIS = 1000;

    private StaleInstances() {
    }

    /** Stops and deletes the servers of runs that ended without cleaning up; returns their folders. */
    static List<Path> reclaim(Path instances) {
        List<Path> reclaimed = new ArrayList<>();
        if (!Files.isDirectory(instances)) {
            return reclaimed;
        }
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(instances, Files::isDirectory)) {
            for (Path folder : folders) {
                if (reclaimIfStale(folder)) {
                    reclaimed.add(folder);
                }
            }
        } catch (IOException e) {
            LOG.warn("Could not look for stale embedded servers in {}: {}", instances, e.getMessage());
        }
        return reclaimed;
    }

    private static boolean reclaimIfStale(Path folder) {
        try {
            // Asked before the lock file is opened: closing a channel on a file releases every lock
            // this JVM holds on it, so opening our own live folders' lock files would unlock them.
            if (ownerMayBeAlive(folder)) {
                return false;
            }
            try (FileChannel channel = FileChannel.open(folder.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
                 FileLock lock = channel.tryLock()) {
                if (lock == null) {
                    return false; // held by a live run whose process we cannot see
                }
                LOG.info("Reclaiming embedded Postgres left by a run that ended without cleaning up: {}", folder);
                stopServerIn(folder);
                DeletableTree.delete(folder);
                return true;
            }
        } catch (OverlappingFileLockException e) {
            return false; // another thread of this JVM is reclaiming it
        } catch (IOException e) {
            LOG.warn("Could not reclaim {}: {}", folder, e.getMessage());
            return false;
        }
    }

    /**
     * A run creates its folder a moment before it locks it: a folder counts as abandoned only when
     * its owner process is gone, or, without an owner file, when it is older than a minute.
     */
    private static boolean ownerMayBeAlive(Path folder) throws IOException {
        Path owner = folder.resolve(OWNER_FILE);
        if (Files.isRegularFile(owner)) {
            return isAlive(Files.readString(owner));
        }
        return Files.getLastModifiedTime(folder).toInstant().isAfter(Instant.now().minus(SETUP_GRACE));
    }

    /**
     * What an instance's owner file holds: this process's pid and start time. A pid alone is not
     * enough: once the owner is dead the system may give its pid to another process, and that
     * process would keep the dead run's server alive for ever.
     */
    static String ownerLine() {
        ProcessHandle self = ProcessHandle.current();
        return self.pid() + " " + self.info().startInstant().map(Instant::toEpochMilli).orElse(UNKNOWN_START) + "\n";
    }

    /** Whether the process an owner line names still runs: same pid and, where both are known, same start. */
    static boolean isAlive(String ownerLine) {
        String[] fields = ownerLine.trim().split("\\s+");
        try {
            long pid = Long.parseLong(fields[0]);
            long started = fields.length > 1 ? Long.parseLong(fields[1]) : UNKNOWN_START;
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .map(process -> started == UNKNOWN_START || process.info().startInstant()
                            .map(start -> Math.abs(start.toEpochMilli() - started) < START_TOLERANCE_MILLIS)
                            .orElse(true))
                    .orElse(false);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Stops the postmaster whose data directory is in the folder, if one runs. */
    static void stopServerIn(Path folder) {
        Path data = folder.resolve("data");
        postmasterOf(data).ifPresent(process -> {
            // SIGQUIT is Postgres's immediate shutdown: no checkpoint, shared memory released.
            signal("QUIT", process.pid());
            if (!waitForExit(process)) {
                signal("KILL", process.pid());
                waitForExit(process);
            }
        });
    }

    private static Optional<ProcessHandle> postmasterOf(Path data) {
        try {
            Path pidFile = data.resolve("postmaster.pid");
            if (!Files.isRegularFile(pidFile)) {
                return Optional.empty();
            }
            long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
            // The pid may have been reused since: only a process serving this data directory counts.
            Path cmdline = Path.of("/proc", String.valueOf(pid), "cmdline");
            if (!Files.isReadable(cmdline)
                    || !new String(Files.readAllBytes(cmdline)).replace('\0', ' ').contains(data.toString())) {
                return Optional.empty();
            }
            return ProcessHandle.of(pid);
        } catch (IOException | RuntimeException e) {
            LOG.debug("No postmaster found for {}: {}", data, e.getMessage());
            return Optional.empty();
        }
    }

    private static void signal(String signal, long pid) {
        try {
            Commands.run(List.of("kill", "-" + signal, String.valueOf(pid)), null, STOP_TIMEOUT);
        } catch (IOException e) {
            LOG.warn("Could not send SIG{} to Postgres process {}: {}", signal, pid, e.getMessage());
        }
    }

    /**
     * Waits until the process has exited, polling every few milliseconds. Not {@link ProcessHandle#onExit()}: for a
     * process that is not our child it sleeps 300 ms before its first look and longer after each, and it counts a
     * zombie as alive; a container's init that is slow to reap (or never reaps) made every stop cost 1-2 s.
     */
    private static boolean waitForExit(ProcessHandle process) {
        long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
        long pause = 1;
        while (!hasExited(process)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return hasExited(process);
            }
            pause = Math.min(pause * 2, 50);
        }
        return true;
    }

    /**
     * Gone, or a zombie: it has exited and released everything (a postmaster's children and shared memory go before
     * it), only its entry waits for a parent to reap it. Where there is no /proc, whatever Java says.
     */
    static boolean hasExited(ProcessHandle process) {
        Path stat = Path.of("/proc", String.valueOf(process.pid()), "stat");
        try {
            String line = Files.readString(stat);
            char state = line.charAt(line.lastIndexOf(')') + 2); // the name in brackets may hold spaces and ')'
            return state == 'Z' || state == 'X' || !process.isAlive(); // not alive: the pid now names another process
        } catch (NoSuchFileException e) {
            return Files.isDirectory(PROC_SELF) || !process.isAlive(); // gone; or a system without /proc
        } catch (IOException | RuntimeException e) {
            return !process.isAlive();
        }
    }
}
