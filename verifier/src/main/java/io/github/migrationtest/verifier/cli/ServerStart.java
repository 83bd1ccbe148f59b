package io.github.migrationtest.verifier.cli;

import io.github.migrationtest.verifier.postgres.PostgresServer;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Starts Postgres on a thread of its own while the command reads the history, its options and its model: the
 * embedded server takes about 0.3 s to start and reading a history about as long, so a short verification's
 * whole process is that much shorter. What the start says (a download, a notice) is held back until the
 * command takes the server, so that it follows the history's own lines as before. Once the server is up, the
 * same thread may warm something up on it (the schema lint: {@link #begin}).
 *
 * <p>This owns the server: closing it waits for the start and the warm-up and stops what they started, also
 * for a command that stopped before it took the server (a history that cannot be read, no revisions).
 */
final class ServerStart implements AutoCloseable {

    private final HeldLines lines;
    private final CompletableFuture<PostgresServer> starting;
    private final Thread thread;

    private ServerStart(PrintWriter out, Function<Consumer<String>, PostgresServer> start,
                        Consumer<PostgresServer> warmUp) {
        this.lines = new HeldLines(out);
        this.starting = new CompletableFuture<>();
        this.thread = new Thread(() -> {
            PostgresServer server;
            try {
                server = start.apply(lines);
            } catch (Throwable e) {
                starting.completeExceptionally(e);
                return;
            }
            starting.complete(server);
            warmUp.accept(server);
        }, "migrationtest-server-start");
        thread.start();
    }

    /**
     * Begins {@code start} now, with a consumer of its progress lines, which go to {@code out}; then, on the
     * same thread, {@code warmUp} with the started server (which must not fail: it only saves later time).
     */
    static ServerStart begin(PrintWriter out, Function<Consumer<String>, PostgresServer> start,
                             Consumer<PostgresServer> warmUp) {
        return new ServerStart(out, start, warmUp);
    }

    /**
     * The started server, to use until this is closed; its progress lines are printed first, and later ones as they
     * come. A start that failed throws what it threw.
     */
    PostgresServer take() {
        try {
            return starting.join();
        } catch (CompletionException e) {
            throw rethrown(e.getCause());
        } finally {
            lines.release();
        }
    }

    /**
     * Stops the server, taken or not, once its start and the warm-up on it have ended (neither is cut short: the
     * server's own close drops the warm-up's database); a start that failed leaves nothing to stop.
     */
    @Override
    public void close() {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            starting.join().close();
        } catch (CompletionException e) {
            // Nothing started; the command already said, or says, why.
        }
    }

    private static RuntimeException rethrown(Throwable cause) {
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(cause);
    }

    /** Lines held until {@link #release()}, then printed as they come. */
    private static final class HeldLines implements Consumer<String> {
        private final PrintWriter out;
        private final List<String> held = new ArrayList<>();
        private boolean released;

        HeldLines(PrintWriter out) {
            this.out = out;
        }

        @Override
        public synchronized void accept(String line) {
            if (released) {
                out.println(line);
                out.flush();
            } else {
                held.add(line);
            }
        }

        synchronized void release() {
            released = true;
            held.forEach(out::println);
            held.clear();
            out.flush();
        }
    }
}
