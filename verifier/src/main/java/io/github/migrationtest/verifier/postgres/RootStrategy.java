package io.github.migrationtest.verifier.postgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How the embedded server's processes are started. Postgres refuses to run as root, and a server
 * that is root outside a user namespace would run a superuser migration's {@code COPY ... TO
 * PROGRAM} as root: as root, the server always runs as an unprivileged uid of the host. Either a
 * uid no account has ({@value #NAMESPACE_ID}), in a user namespace where it appears as
 * {@code nobody} (initdb and postgres look their uid up in the user database), or, where user
 * namespaces are blocked (many containers), {@code nobody} itself ({@value #UNPRIVILEGED_ID}).
 * The server's data, socket folder and log belong to that uid.
 */
enum RootStrategy {
    /** Not root: run the binaries as they are. */
    DIRECT,
    /** Root: switched to uid {@value #NAMESPACE_ID}, in a new user namespace. */
    UNSHARE,
    /** Root: switched to the unprivileged uid {@value #UNPRIVILEGED_ID}. */
    SETPRIV;

    static final int UNPRIVILEGED_ID = 65534;
    /**
     * A uid of the range systemd leaves unassigned (1879048192-2147352575), so that no other
     * process on the machine shares it, as daemons share {@code nobody}.
     */
    static final int NAMESPACE_ID = 2_000_000_000;
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
        return prefix("unshare");
    }

    private List<String> prefix(String unshareCommand) {
        return switch (this) {
            case DIRECT -> List.of();
            case UNSHARE -> List.of("setpriv", "--reuid=" + NAMESPACE_ID, "--regid=" + NAMESPACE_ID, "--clear-groups",
                    unshareCommand, "-U");
            case SETPRIV -> List.of("setpriv", "--reuid=" + UNPRIVILEGED_ID, "--regid=" + UNPRIVILEGED_ID,
                    "--clear-groups");
        };
    }

    /** The host's uid (and gid) of the server's processes; -1 when they run as this user. */
    int serverId() {
        return switch (this) {
            case DIRECT -> -1;
            case UNSHARE -> NAMESPACE_ID;
            case SETPRIV -> UNPRIVILEGED_ID;
        };
    }

    /** For the user: who the server's processes are. */
    String description() {
        return switch (this) {
            case DIRECT -> "as this user";
            case UNSHARE -> "as uid " + NAMESPACE_ID + " in a user namespace, not root";
            case SETPRIV -> "as uid " + UNPRIVILEGED_ID + " (nobody), not root";
        };
    }

    /** Gives a file or folder (not its content) to the uid the server runs as, which must write it. */
    void handOver(Path path) throws IOException {
        if (this != DIRECT) {
            Files.setAttribute(path, "unix:gid", serverId());
            Files.setAttribute(path, "unix:uid", serverId());
        }
    }

    /**
     * Lets the server's uid through a folder that stays ours (its lock and owner files are no
     * business of a migration's shell): its group becomes the server's, with search permission only.
     */
    void letThrough(Path folder) throws IOException {
        if (this != DIRECT) {
            Files.setAttribute(folder, "unix:gid", serverId());
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx--x---"));
        }
    }

    /** Names what a cached cluster belongs to: a cluster of one uid is no use to a server of another. */
    String clusterSuffix() {
        return this == DIRECT ? "" : "-uid" + serverId();
    }

    /**
     * What to add to the error of a server command that was denied a file: as another uid than
     * ours, it needs to pass every folder above the binaries, which a private TMPDIR (under
     * {@code /root}) does not allow.
     */
    String permissionHint(String error, Path binaries) {
        if (this == DIRECT || !error.contains("Permission denied")) {
            return "";
        }
        return String.format("%nThe server runs as uid %d, not root: it must be able to pass every folder above %s."
                + " Fix: point TMPDIR at a folder others may pass, such as /tmp", serverId(), binaries);
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
            reasons.add("`unshare -U` as uid " + NAMESPACE_ID + " is blocked (" + refusal + ")");
        }
        if (choice != Choice.UNSHARE) {
            String refusal = commandRefusal(SETPRIV.prefix(unshareCommand), "id", "-un");
            if (refusal == null) {
                return SETPRIV;
            }
            reasons.add("setpriv cannot switch to uid " + UNPRIVILEGED_ID + " (" + refusal + ")");
        }
        throw new BackendUnavailableException("Postgres refuses to run as root, and " + String.join(" and ", reasons)
                + ". Fix: run as a non-root user, allow user namespaces, or install util-linux (setpriv)");
    }

    private static String unshareRefusal(String unshareCommand) {
        String owner = accountOf(NAMESPACE_ID);
        if (owner != null) {
            return "uid " + NAMESPACE_ID + " belongs to the account " + owner;
        }
        // `id -un` fails where the uid seen inside has no account, as initdb would.
        return commandRefusal(UNSHARE.prefix(unshareCommand), "id", "-un");
    }

    /** The account that has the uid, or null: none, or no way to ask. */
    private static String accountOf(int uid) {
        try {
            Commands.Result result = Commands.run(List.of("getent", "passwd", String.valueOf(uid)), null, PROBE_TIMEOUT);
            return result.succeeded() && !result.output().isEmpty() ? result.output().split(":")[0] : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String commandRefusal(List<String> prefix, String... command) {
        List<String> full = new ArrayList<>(prefix);
        full.addAll(List.of(command));
        try {
            Commands.Result result = Commands.run(full, null, PROBE_TIMEOUT);
            if (result.succeeded()) {
                return null;
            }
            return result.output().isEmpty() ? "exit code " + result.exitCode() : result.output();
        } catch (IOException e) {
            return e.getMessage();
        }
    }
}
