package io.github.migrationtest.verifier.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads facts about processes from /proc, for tests that check what really runs. */
final class Processes {

    private Processes() {
    }

    static long postmasterPid(Path data) {
        try {
            return Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int realUid(long pid) throws IOException {
        String uidLine = Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status")).stream()
                .filter(line -> line.startsWith("Uid:")).findFirst().orElseThrow();
        return Integer.parseInt(uidLine.split("\\s+")[1]);
    }

    static String userNamespace(long pid) throws IOException {
        return Files.readSymbolicLink(Path.of("/proc", String.valueOf(pid), "ns", "user")).toString();
    }
}
