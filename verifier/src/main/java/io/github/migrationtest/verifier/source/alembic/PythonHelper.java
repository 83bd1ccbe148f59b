package io.github.migrationtest.verifier.source.alembic;

import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One Python process running {@code alembic_helper.py}: a JSON request per line on its stdin, a JSON
 * answer per line on its stdout. What the user's code prints goes to its stderr, of which the last
 * lines are kept for messages. Closing its stdin ends it; a JVM that dies closes it too, so a helper
 * never outlives the verifier.
 */
final class PythonHelper implements AutoCloseable {

    private static final String SCRIPT = script();
    private static final int STDERR_LINES = 40;

    private final String python;
    private final Process process;
    private final BufferedWriter requests;
    private final BufferedReader answers;
    private final Deque<String> stderr = new ArrayDeque<>();

    private PythonHelper(String python, Process process) {
        this.python = python;
        this.process = process;
        this.requests = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
        this.answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        Thread drain = new Thread(() -> keepTail(process.getErrorStream()), "alembic-helper-stderr");
        drain.setDaemon(true);
        drain.start();
    }

    /**
     * Starts the helper in {@code python}.
     *
     * @throws AlembicException when the interpreter cannot be started
     */
    static PythonHelper start(String python) {
        ProcessBuilder builder = new ProcessBuilder(List.of(python, "-c", SCRIPT));
        // Importing the user's version files must not write __pycache__ folders into their project.
        builder.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        builder.environment().put("PYTHONIOENCODING", "utf-8");
        try {
            return new PythonHelper(python, builder.start());
        } catch (IOException e) {
            throw new AlembicException("Could not start the Python interpreter '" + python + "' (" + e.getMessage()
                    + "): install Python 3 with Alembic, or name the interpreter that has the project's Alembic with"
                    + " --python <path> (key " + AlembicSettings.PYTHON_KEY + ")", e);
        }
    }

    String python() {
        return python;
    }

    /**
     * Sends one request and waits for its answer.
     *
     * @throws AlembicException when the helper ended or answered something that is not JSON
     */
    synchronized JsonObject request(JsonObject request) {
        try {
            requests.write(request.toString());
            requests.newLine();
            requests.flush();
        } catch (IOException e) {
            // It ended: what it said before it did (a missing module) is still to be read.
        }
        String line;
        try {
            line = answers.readLine();
        } catch (IOException e) {
            line = null;
        }
        if (line == null) {
            throw new AlembicException("The Alembic helper in '" + python + "' ended unexpectedly" + exitText() + tail());
        }
        try {
            return JsonParser.parseString(line).getAsJsonObject();
        } catch (JsonParseException | IllegalStateException e) {
            throw new AlembicException("The Alembic helper in '" + python + "' answered '" + line + "'" + tail(), e);
        }
    }

    /** The last lines the helper wrote to stderr, for a message, with a leading line break; empty when none. */
    String tail() {
        synchronized (stderr) {
            return stderr.isEmpty() ? "" : System.lineSeparator() + String.join(System.lineSeparator(), stderr);
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    private String exitText() {
        try {
            return process.waitFor(2, TimeUnit.SECONDS) ? " (exit " + process.exitValue() + ")" : "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private void keepTail(InputStream stream) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                synchronized (stderr) {
                    stderr.addLast(line);
                    if (stderr.size() > STDERR_LINES) {
                        stderr.removeFirst();
                    }
                }
            }
        } catch (IOException e) {
            // The helper ended; what it wrote is kept.
        }
    }

    /** Closes stdin, which ends the helper; kills it when it does not end within seconds. */
    @Override
    public void close() {
        try {
            requests.close();
        } catch (IOException e) {
            // Already gone.
        }
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static String script() {
        try (InputStream in = PythonHelper.class.getResourceAsStream("alembic_helper.py")) {
            if (in == null) {
                throw new IllegalStateException("alembic_helper.py is missing from this build of migrationtest");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
