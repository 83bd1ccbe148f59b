package io.github.migrationtest.verifier.postgres;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * What a test provokes on standard error, where slf4j-simple writes the verifier's warnings: a test
 * that expects a warning asserts it instead of printing it into the build's output, where a reader
 * would take it for a problem. slf4j-simple looks {@code System.err} up at every write, so swapping
 * it catches the log too.
 */
public final class StandardError implements AutoCloseable {

    private final PrintStream original = System.err;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    private StandardError() {
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    }

    public static StandardError capture() {
        return new StandardError();
    }

    public String text() {
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        System.setErr(original);
    }
}
