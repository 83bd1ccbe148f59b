package io.github.migrationtest.verifier.source.alembic;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The Python the Alembic tests run: the one named by the system property {@value AlembicSettings#PYTHON_KEY},
 * else {@code /usr/bin/python3} (Debian's, where {@code .ci/run} installs {@code python3-alembic}), else
 * {@code python3} on the PATH, whichever first imports Alembic and psycopg2. A test that needs it is
 * skipped, saying why, where none does; the {@code python3} first on a developer's PATH (pyenv, a venv)
 * often has neither, so no test assumes it.
 */
public final class AlembicPython {

    private static final String NEEDED = "alembic, sqlalchemy, psycopg2";
    private static Optional<String> found;
    private static String tried = "";

    private AlembicPython() {}

    /** The interpreter with Alembic and psycopg2; skips the calling test when there is none. */
    public static synchronized String interpreter() {
        if (found == null) {
            found = find();
        }
        assumeTrue(found.isPresent(), () -> "no Python with " + NEEDED + " (tried " + tried + "): apt-get install"
                + " python3-alembic python3-sqlalchemy python3-psycopg2, as .ci/run does, or name one with -D"
                + AlembicSettings.PYTHON_KEY);
        return found.get();
    }

    /** Whether {@code python} imports these modules (comma-separated). */
    public static boolean imports(String python, String modules) {
        try {
            Process process = new ProcessBuilder(python, "-c", "import " + modules).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return false;
            }
            return process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A virtual environment made by {@link #interpreter()} in {@code folder}, without pip or any package: its Python. */
    public static String bareVenv(Path folder) throws IOException, InterruptedException {
        String python = interpreter();
        Path venv = folder.resolve("venv");
        Process made = new ProcessBuilder(python, "-m", "venv", "--without-pip", "--copies", venv.toString()).redirectErrorStream(true).start();
        String said = new String(made.getInputStream().readAllBytes());
        assumeTrue(made.waitFor() == 0, () -> python + " cannot make a virtual environment: " + said);
        return venv.resolve("bin/python3").toString();
    }

    /** A Python made for a test, in a folder of its own that closing deletes. */
    public record Venv(String python, Path folder) implements AutoCloseable {

        /** Deletes the folder, its links (not what they point at) included. */
        @Override
        public void close() throws IOException {
            try (Stream<Path> files = Files.walk(folder)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    /**
     * A virtual environment in {@code folder} that sees the packages {@link #interpreter()} has, through
     * links, except those whose names start with {@code leftOut}: a user's interpreter with Alembic but
     * not the driver, say. Closing it deletes the folder (JUnit's clean-up warns of every link it meets).
     */
    public static Venv without(String leftOut, Path folder) throws IOException, InterruptedException {
        String python = interpreter();
        String venvPython = bareVenv(folder);
        Path venv = folder.resolve("venv");
        Process where = new ProcessBuilder(python, "-c", "import os, alembic, sqlalchemy, mako\n"
                + "for m in (alembic, sqlalchemy, mako): print(os.path.dirname(os.path.dirname(m.__file__)))").start();
        List<String> sites = new String(where.getInputStream().readAllBytes()).lines().distinct().toList();
        where.waitFor();
        Path shared = Files.createDirectories(folder.resolve("shared"));
        for (String site : sites) {
            try (Stream<Path> entries = Files.list(Path.of(site))) {
                for (Path entry : entries.toList()) {
                    Path link = shared.resolve(entry.getFileName().toString());
                    if (!entry.getFileName().toString().startsWith(leftOut) && !Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
                        Files.createSymbolicLink(link, entry);
                    }
                }
            }
        }
        try (Stream<Path> libs = Files.list(venv.resolve("lib"))) {
            Path sitePackages = libs.findFirst().orElseThrow().resolve("site-packages");
            Files.writeString(sitePackages.resolve("shared.pth"), shared + "\n");
        }
        return new Venv(venvPython, folder);
    }

    private static Optional<String> find() {
        List<String> candidates = new ArrayList<>();
        String configured = System.getProperty(AlembicSettings.PYTHON_KEY);
        if (configured != null && !configured.isBlank()) {
            candidates.add(configured.strip());
        }
        if (Files.isExecutable(Path.of("/usr/bin/python3"))) {
            candidates.add("/usr/bin/python3");
        }
        candidates.add("python3");
        tried = String.join(", ", candidates);
        return candidates.stream().filter(python -> imports(python, NEEDED)).findFirst();
    }
}
