package io.github.migrationtest.maven;

import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;

/** The command line's exit codes as a build's outcome: 1 fails the build, 2 is an error running it. */
final class Verdicts {

    static final int PASSED = 0;
    static final int FAILED = 1;

    private Verdicts() {
    }

    static void throwIfNotPassed(CommandLineRun.Result result) throws MojoFailureException, MojoExecutionException {
        throwIfNotPassed(result, "a check failed");
    }

    /** As {@link #throwIfNotPassed(CommandLineRun.Result)}, with the command's own words for exit code 1. */
    static void throwIfNotPassed(CommandLineRun.Result result, String failed)
            throws MojoFailureException, MojoExecutionException {
        if (result.exitCode() == PASSED) {
            return;
        }
        if (result.exitCode() == FAILED) {
            throw new MojoFailureException(result.failures().isEmpty()
                    ? "migrationtest: " + failed + " (see the output above)"
                    : "migrationtest: " + failed + "\n\n" + String.join("\n", result.failures()));
        }
        throw new MojoExecutionException(result.errors().isEmpty()
                ? "migrationtest could not run (exit code " + result.exitCode() + ")"
                : String.join("\n", lastError(result.errors())));
    }

    /** The command line's own reason ({@code migrationtest: ...}), or all it printed when it gave none. */
    private static List<String> lastError(List<String> errors) {
        for (int i = errors.size() - 1; i >= 0; i--) {
            if (errors.get(i).startsWith("migrationtest: ")) {
                return errors.subList(i, errors.size());
            }
        }
        return errors;
    }
}
