package io.github.migrationtest.verifier.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Reads facts about processes from /proc, for tests that check what really runs. */
public final class Processes {

    private Processes() {
    }

    /**
     * Whether the process has exited: gone, or a zombie (its entry waiting to be reaped; a container's init may
     * take seconds, or never, to reap a daemon such as a postmaster).
     */
    public static boolean exited(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state == 'Z' || state == 'X';
        } catch (java.nio.file.NoSuchFileException e) {
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static long postmasterPid(Path data) {
        try {
            return Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int realUid(long pid) throws IOException {
        return Integer.parseInt(status(pid, "Uid").get(0));
    }

    /** The values of a line of /proc/PID/status, e.g. Uid: real, effective, saved and file system uid. */
    static List<String> status(long pid, String field) throws IOException {
        String line = Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status")).stream()
                .filter(candidate -> candidate.startsWith(field + ":")).findFirst().orElseThrow();
        String values = line.substring(field.length() + 1).strip();
        return values.isEmpty() ? List.of() : List.of(values.split("\\s+"));
    }

    /** The processes holding a POSIX (fcntl) lock on the file, as the kernel lists them in /proc/locks. */
    static Set<Long> lockHolders(Path file) throws IOException {
        String inode = ":" + Files.getAttribute(file, "unix:ino");
        Set<Long> holders = new HashSet<>();
        for (String line : Files.readAllLines(Path.of("/proc/locks"))) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length > 5 && fields[1].equals("POSIX") && fields[5].endsWith(inode)) {
                holders.add(Long.parseLong(fields[4]));
            }
        }
        return holders;
    }

    static String userNamespace(long pid) throws IOException {
        return Files.readSymbolicLink(Path.of("/proc", String.valueOf(pid), "ns", "user")).toString();
    }
}
