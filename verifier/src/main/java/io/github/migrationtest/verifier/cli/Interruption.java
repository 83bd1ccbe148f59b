package io.github.migrationtest.verifier.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import sun.misc.Signal;

/**
 * Ctrl-C (SIGINT) and SIGTERM as an orderly stop rather than a verdict. Without this the JVM's
 * shutdown hooks close the server under the running walk, whose next statement then fails, and the
 * run blames that revision's migration and writes failed reports. Here the signal is recorded
 * first, so that the command can tell a failure it caused from a real one; then the run's server is
 * closed (its databases dropped, an embedded server stopped), which ends the walk at once, and the
 * command reports where it was and exits 128 + the signal's number, as a shell expects.
 */
final class Interruption {

    /** The signals handled and their numbers, for the exit code. */
    private static final Map<String, Integer> SIGNALS = Map.of("INT", 2, "TERM", 15);
    /** How long the command may take to wind down before the handler ends the JVM itself. */
    private static final long GRACE_MILLIS = 20_000;

    private static final Interruption NONE = new Interruption(null);

    private final PrintWriter err;
    private final AtomicReference<String> signal = new AtomicReference<>();
    private volatile AutoCloseable run;
    private volatile Supplier<String> where = () -> "";

    private Interruption(PrintWriter err) {
        this.err = err;
    }

    /** For runs inside another program (tests, embedding): signals stay the host's business. */
    static Interruption none() {
        return NONE;
    }

    /** Handles SIGINT and SIGTERM for this process; for the command line's own JVM only. */
    static Interruption onSignals(PrintWriter err) {
        Interruption interruption = new Interruption(err);
        SIGNALS.keySet().forEach(name -> {
            try {
                Signal.handle(new Signal(name), received -> interruption.received(name));
            } catch (IllegalArgumentException e) {
                // The signal is ignored (a background job's SIGINT) or taken: the JVM's default stays.
            }
        });
        return interruption;
    }

    /** The server of the run: what to close when a signal comes, so the walk ends now. */
    void guard(AutoCloseable run) {
        this.run = run;
        if (happened()) {
            closeRun();
        }
    }

    /** Says where the run is, for the message: e.g. which revision was being verified. */
    void whereFrom(Supplier<String> where) {
        this.where = where;
    }

    boolean happened() {
        return signal.get() != null;
    }

    /** 130 for SIGINT, 143 for SIGTERM. */
    int exitCode() {
        return 128 + SIGNALS.getOrDefault(signal.get(), 15);
    }

    /** What the user reads: the signal, where the run was, and that no verdict was written. */
    String message() {
        String at = where.get();
        return "migrationtest: interrupted by SIG" + signal.get() + (at.isEmpty() ? "" : " " + at)
                + ". No verdict: no report was written and nothing is blamed on a migration."
                + " The run's databases were dropped and any server it started was stopped.";
    }

    private void received(String name) {
        if (!signal.compareAndSet(null, name)) {
            Runtime.getRuntime().halt(exitCode()); // a second Ctrl-C: stop waiting
        }
        Thread stopper = new Thread(this::windDown, "migrationtest-interrupted");
        stopper.setDaemon(true);
        stopper.start();
    }

    /** Closes the run's server; should the command not finish soon after, ends the JVM (its hooks still clean up). */
    private void windDown() {
        closeRun();
        try {
            Thread.sleep(GRACE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        err.println(message());
        err.flush();
        System.exit(exitCode());
    }

    private void closeRun() {
        AutoCloseable current = run;
        if (current == null) {
            return;
        }
        try {
            current.close();
        } catch (Exception e) {
            err.println("migrationtest: cleaning up after the interruption failed: " + e.getMessage());
            err.flush();
        }
    }
}
