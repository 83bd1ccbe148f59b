package io.github.migrationtest.verifier.postgres;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs short external commands (initdb, pg_ctl, chown, probes) and captures what they print. */
final class Commands {

    private Commands() {
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
        Path output = Files.createTempFile("migrationtest-command-", ".out");
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
