package io.github.migrationtest.verifier.cli;

import io.github.migrationtest.verifier.UnknownKeys;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code migrationtest verify|snapshot|status ...}: exit 0 passed, 1 a check failed, 2 could not run. */
@Command(name = "migrationtest", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        subcommands = {VerifyCommand.class, SnapshotCommand.class, StatusCommand.class},
        description = "Proves that every PostgreSQL migration's downgrade restores the schema.")
public final class Main {

    /** A check failed. */
    static final int FAILED = 1;
    /** Could not run: bad arguments, unreadable history, no Postgres. */
    static final int COULD_NOT_RUN = 2;

    public static void main(String[] args) {
        // Quiet by default: the command's own output says what happened; warnings still show.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
                System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        // Hibernate (a JPA model, from the application's class path) logs through JBoss Logging, which
        // would fall back to java.util.logging at INFO; through SLF4J it is as quiet as the rest.
        System.setProperty("org.jboss.logging.provider", System.getProperty("org.jboss.logging.provider", "slf4j"));
        interruption = Interruption.onSignals(new PrintWriter(System.err, true));
        System.exit(run(args));
    }

    /** Signals are handled only when this is the JVM's own main program. */
    private static volatile Interruption interruption = Interruption.none();

    static Interruption interruption() {
        return interruption;
    }

    /** Says where the interrupted run was and returns its exit code: 130 for SIGINT, 143 for SIGTERM. */
    static int interrupted(PrintWriter err) {
        err.println(interruption.message());
        err.flush();
        return interruption.exitCode();
    }

    /** Runs the command line and returns its exit code (for tests and embedding). */
    public static int run(String... args) {
        return run(new ConsoleOut(), new PrintWriter(System.err, true), args);
    }

    /** Runs with the given output and error streams. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = new CommandLine(new Main())
                .setOut(out)
                .setErr(err)
                .setExecutionExceptionHandler((exception, line, parseResult) -> {
                    if (interruption.happened()) {
                        return interrupted(line.getErr()); // the failure is the interruption's doing
                    }
                    line.getErr().println("migrationtest: " + message(exception));
                    line.getErr().flush();
                    return COULD_NOT_RUN;
                });
        commandLine.setExitCodeExceptionMapper(e -> COULD_NOT_RUN);
        warnOfUnknownKeys(err);
        try {
            return commandLine.execute(args);
        } catch (StackOverflowError | OutOfMemoryError e) {
            // A crash is "could not run", never "a check failed" (exit 1, which the JVM gives an uncaught error).
            err.println("migrationtest: the verifier crashed (" + e + "); this is a bug, or too little memory"
                    + " (-Xmx) or stack (-Xss) for this history: please report it with the history");
            err.flush();
            return COULD_NOT_RUN;
        }
    }

    /**
     * Within this many edits of a key, an unknown {@code migrationtest.*} name is taken for a typo. Names
     * farther off are left alone: they may be the JUnit extension's keys, which this command does not read.
     */
    static final int TYPO_DISTANCE = 3;

    private static void warnOfUnknownKeys(PrintWriter err) {
        new UnknownKeys(UnknownKeys.VERIFIER_KEYS, TYPO_DISTANCE).inThisProcess()
                .forEach(warning -> err.println("migrationtest: " + warning));
        err.flush();
    }

    /** Writes a file a command was asked for, creating its folders. */
    static void writeFile(Path file, String content) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        if (folder != null) {
            Files.createDirectories(folder);
        }
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    private static String message(Throwable exception) {
        return exception.getMessage() == null ? exception.toString() : exception.getMessage();
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {"migrationtest " + (version == null ? "(development build)" : version)};
        }
    }
}
