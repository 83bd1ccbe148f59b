package io.github.migrationtest.verifier.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
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
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (workingDirectory != null) {
            builder.directory(workingDirectory.toFile());
        }
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return new Result(127, command.get(0) + ": " + e.getMessage());
        }
        process.getOutputStream().close();
        try (InputStream output = process.getInputStream()) {
            // Read before waiting: a command that fills the pipe would otherwise never finish.
            byte[] bytes = output.readAllBytes();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return new Result(124, "timed out after " + timeout.toSeconds() + " s: " + String.join(" ", command));
            }
            return new Result(process.exitValue(), new String(bytes, StandardCharsets.UTF_8).strip());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + String.join(" ", command), e);
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
