package io.github.migrationtest.verifier.cli;

import java.io.PrintWriter;

/**
 * The process's own standard output, the only writer that may be a terminal. A writer handed to
 * {@link Main#run(PrintWriter, PrintWriter, String...)} (the Maven plugin's log) is never one, even
 * when the JVM has a console: it keeps whole lines and drops a line rewritten in place.
 */
final class ConsoleOut extends PrintWriter {

    ConsoleOut() {
        super(System.out, true);
    }

    /** Whether lines on {@code out} may be rewritten in place. */
    static boolean isTerminal(PrintWriter out) {
        return out instanceof ConsoleOut && System.console() != null;
    }
}
