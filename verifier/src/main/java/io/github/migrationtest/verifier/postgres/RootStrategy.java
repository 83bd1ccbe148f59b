package io.github.migrationtest.verifier.postgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How the embedded server's processes are started. Postgres refuses to run as root: as root we
 * either enter a user namespace ({@code unshare -U}, where we appear as an unprivileged uid but
 * files stay ours) or, where namespaces are blocked (many containers), switch to uid 65534 with
 * {@code setpriv}, which needs the data directory to belong to that uid.
 */
enum RootStrategy {
    /** Not root: run the binaries as they are. */
    DIRECT,
    /** Root, in a new user namespace. */
    UNSHARE,
    /** Root, switched to the unprivileged uid {@value #UNPRIVILEGED_ID}. */
    SETPRIV;

    static final int UNPRIVILEGED_ID = 65534;
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(10);

    /** What the user may ask for in {@link PostgresSettings#EMBEDDED_ROOT}. */
    enum Choice {
        AUTO, UNSHARE, SETPRIV;

        static Choice parse(String key, String value) {
            try {
                return valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(String.format(
                        "Invalid value for %s: '%s'. Allowed: auto, unshare, setpriv", key, value), e);
            }
        }
    }

    /** The command prefix that starts a binary under this strategy. */
    List<String> prefix() {
        return switch (this) {
            case DIRECT -> List.of();
            case UNSHARE -> List.of("unshare", "-U");
            case SETPRIV -> List.of("setpriv", "--reuid=" + UNPRIVILEGED_ID, "--regid=" + UNPRIVILEGED_ID,
                    "--clear-groups");
        };
    }

    /** Makes files the server must write belong to the uid it runs as. */
    void handOver(Path directory) throws IOException {
        if (this == SETPRIV) {
            Commands.runChecked(List.of("chown", "-R", UNPRIVILEGED_ID + ":" + UNPRIVILEGED_ID, directory.toString()),
                    null, PROBE_TIMEOUT);
        }
    }

    static boolean runningAsRoot() {
        try {
            return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).intValue() == 0;
        } catch (IOException | UnsupportedOperationException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    /** Picks the strategy for this process, probing what the machine allows. */
    static RootStrategy detect(Choice choice) throws BackendUnavailableException {
        return detect(choice, runningAsRoot(), "unshare");
    }

    static RootStrategy detect(Choice choice, boolean root, String unshareCommand) throws BackendUnavailableException {
        if (!root) {
            return DIRECT;
        }
        List<String> reasons = new ArrayList<>();
        if (choice != Choice.SETPRIV) {
            String refusal = unshareRefusal(unshareCommand);
            if (refusal == null) {
                return UNSHARE;
            }
            reasons.add("`unshare -U` is blocked (" + refusal + ")");
        }
        if (choice != Choice.UNSHARE) {
            String refusal = commandRefusal(List.of("setpriv", "--version"));
            if (refusal == null) {
                return SETPRIV;
            }
            reasons.add("setpriv cannot run (" + refusal + ")");
        }
        throw new BackendUnavailableException("Postgres refuses to run as root, and " + String.join(" and ", reasons)
                + ". Fix: run as a non-root user, allow user namespaces, or install util-linux (setpriv)");
    }

    private static String unshareRefusal(String unshareCommand) {
        try {
            Commands.Result result = Commands.run(List.of(unshareCommand, "-U", "id", "-u"), null, PROBE_TIMEOUT);
            if (!result.succeeded()) {
                return result.output().isEmpty() ? "exit code " + result.exitCode() : result.output();
            }
            return "0".equals(result.output()) ? "still uid 0 inside the namespace" : null;
        } catch (IOException e) {
            return e.getMessage();
        }
    }

    private static String commandRefusal(List<String> command) {
        try {
            Commands.Result result = Commands.run(command, null, PROBE_TIMEOUT);
            return result.succeeded() ? null : result.output();
        } catch (IOException e) {
            return e.getMessage();
        }
    }
}
