package io.github.migrationtest.verifier.postgres;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Runs short external commands (initdb, pg_ctl, chown, probes) and captures what they print. */
final class Commands {

    private static final String OUTPUT_PREFIX = "migrationtest-command-";
    private static final String OUTPUT_SUFFIX = ".out";
    /** Far longer than any command runs: an output file this old belongs to a JVM that was killed. */
    static final Duration ABANDONED_AFTER = Duration.ofDays(1);

    private Commands() {
    }

    /** Deletes the output files of commands whose JVM was killed before it could delete them; returns them. */
    static List<Path> deleteAbandonedOutputs(Path folder, Duration olderThan) throws IOException {
        Instant cutoff = Instant.now().minus(olderThan);
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> abandoned = files.filter(file -> {
                String name = file.getFileName().toString();
                return name.startsWith(OUTPUT_PREFIX) && name.endsWith(OUTPUT_SUFFIX) && modifiedBefore(file, cutoff);
            }).toList();
            for (Path file : abandoned) {
                Files.deleteIfExists(file);
            }
            return abandoned;
        }
    }

    private static boolean modifiedBefore(Path file, Instant cutoff) {
        try {
            return Files.getLastModifiedTime(file).toInstant().isBefore(cutoff);
        } catch (IOException e) {
            return false; // gone meanwhile, or not ours to read
        }
    }

    /** What a finished command left: exit code and its merged stdout and stderr. */
    record Result(int exitCode, String output) {
        boolean succeeded() {
            return exitCode == 0;
        }
    }

    static Result run(List<String> command, Path workingDirectory, Duration timeout) throws IOException {
        // Output goes to a file, not a pipe: reading a pipe to its end would wait for the command
        // however long it hangs, and not reading it would block a command that fills it.
        Path output = Files.createTempFile(OUTPUT_PREFIX, OUTPUT_SUFFIX);
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            if (workingDirectory != null) {
                builder.directory(workingDirectory.toFile());
            }
            Process process;
            try {
                process = builder.start();
            } catch (IOException e) {
                return new Result(127, command.get(0) + ": " + e.getMessage());
            }
            try {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    return new Result(124, "timed out after " + timeout.toSeconds() + " s: " + String.join(" ", command));
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while running " + String.join(" ", command), e);
            }
            return new Result(process.exitValue(), new String(Files.readAllBytes(output), StandardCharsets.UTF_8).strip());
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /** Runs a command that must succeed; the exception carries the command and its output. */
    static String runChecked(List<String> command, Path workingDirectory, Duration timeout) throws IOException {
        Result result = run(command, workingDirectory, timeout);
        if (!result.succeeded()) {
            throw new IOException(String.format("%s exited with %d:%n%s",
                    String.join(" ", command), result.exitCode(), result.output()));
        }
        return result.output();
    }
}
