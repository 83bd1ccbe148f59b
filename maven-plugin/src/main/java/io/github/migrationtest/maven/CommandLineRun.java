package io.github.migrationtest.maven;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Runs the command line ({@code io.github.migrationtest.verifier.cli.Main}) on the verifier's class
 * path, as {@code java -jar migrationtest.jar} would, and keeps what it printed.
 */
final class CommandLineRun {

    static final String MAIN = "io.github.migrationtest.verifier.cli.Main";
    /** The command line's last summary line, after which it prints each failure with its fix. */
    private static final String JBOSS_LOGGING_PROVIDER = "org.jboss.logging.provider";
    static final Pattern TOTALS = Pattern.compile("\\d+ passed, \\d+ failed, .*");

    /** The exit code and the lines of its verdict. */
    record Result(int exitCode, List<String> failures, List<String> errors) {
    }

    private final Consumer<String> info;
    private final Consumer<String> warning;

    /**
     * @param info where progress and the summary go, line by line, while it runs
     * @param warning where what the command line prints on standard error goes
     */
    CommandLineRun(Consumer<String> info, Consumer<String> warning) {
        this.info = info;
        this.warning = warning;
    }

    Result run(VerifierClassPath classPath, String... arguments) throws ReflectiveOperationException, IOException {
        List<String> failures = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        // Everything after the totals line is the failures' text: it becomes the build's failure message
        // rather than being logged twice.
        boolean[] pastTotals = {false};
        Consumer<String> out = line -> {
            if (pastTotals[0]) {
                failures.add(line);
                return;
            }
            info.accept(line);
            pastTotals[0] = TOTALS.matcher(line).matches();
        };
        Consumer<String> err = line -> {
            errors.add(line);
            warning.accept(line);
        };
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        // Hibernate (a jpa: model) logs through JBoss Logging, which would fall back to java.util.logging at
        // INFO; through SLF4J it is as quiet as on the command line (whose main sets the same). The loader is
        // new, so its JBoss Logging reads the property now; Maven's own logging does not use it.
        String previousProvider = System.getProperty(JBOSS_LOGGING_PROVIDER);
        if (previousProvider == null) {
            System.setProperty(JBOSS_LOGGING_PROVIDER, "slf4j");
        }
        int exitCode;
        // Closing the writers hands on a last line without a line end, before the result is read.
        try (URLClassLoader loader = classPath.newClassLoader();
             PrintWriter outWriter = new PrintWriter(new LineWriter(out), true);
             PrintWriter errWriter = new PrintWriter(new LineWriter(err), true)) {
            // The sources look up classpath: locations and Java migrations through the context class loader.
            thread.setContextClassLoader(loader);
            Method run = loader.loadClass(MAIN).getMethod("run", PrintWriter.class, PrintWriter.class, String[].class);
            try {
                exitCode = (Integer) run.invoke(null, outWriter, errWriter, arguments);
            } catch (InvocationTargetException e) {
                throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
            }
        } finally {
            thread.setContextClassLoader(previous);
            if (previousProvider == null) {
                System.clearProperty(JBOSS_LOGGING_PROVIDER);
            }
        }
        return new Result(exitCode, trimmed(failures), List.copyOf(errors));
    }

    private static List<String> trimmed(List<String> lines) {
        int start = 0;
        while (start < lines.size() && lines.get(start).isBlank()) {
            start++;
        }
        return List.copyOf(lines.subList(start, lines.size()));
    }

    /** Hands on each complete line; what is left without a line end is handed on when it is closed. */
    static final class LineWriter extends Writer {
        private static final Pattern ERASE_LINE = Pattern.compile("\u001B\\[K");
        private final Consumer<String> lines;
        private final StringBuilder pending = new StringBuilder();
        /** A {@code \r} was the last character: the next one says whether it ended a line or rewinds it. */
        private boolean carriageReturn;

        LineWriter(Consumer<String> lines) {
            this.lines = lines;
        }

        @Override
        public synchronized void write(char[] buffer, int offset, int length) {
            for (int i = offset; i < offset + length; i++) {
                char c = buffer[i];
                if (carriageReturn && c != '\n') {
                    pending.setLength(0); // a terminal's in-place progress: a log keeps only the finished line
                }
                carriageReturn = c == '\r';
                if (c == '\n') {
                    emit(); // \n or \r\n (Windows' line separator) ends a line
                } else if (c != '\r') {
                    pending.append(c);
                }
            }
        }

        private void emit() {
            lines.accept(ERASE_LINE.matcher(pending).replaceAll(""));
            pending.setLength(0);
        }

        @Override
        public void flush() {
            // Lines go out as they end; a partial line waits for its end.
        }

        @Override
        public synchronized void close() {
            if (pending.length() > 0) {
                emit();
            }
        }
    }
}
