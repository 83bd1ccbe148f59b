package io.github.migrationtest.verifier.model;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.migrationtest.verifier.source.alembic.AlembicSettings;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The Python the SQLAlchemy model tests run: system property {@value AlembicSettings#PYTHON_KEY}, else
 * Debian's {@code /usr/bin/python3}, else {@code python3} on the PATH, the first that imports Alembic and
 * psycopg2. Tests are skipped with the reason when none does ({@code .ci/run} installs Debian's packages).
 */
public final class PythonWithAlembic {

    private static final Optional<String> FOUND = find();

    private PythonWithAlembic() {
    }

    /** The interpreter; skips the calling test when there is none. */
    public static String interpreter() {
        assumeTrue(FOUND.isPresent(), () -> "no Python with alembic and psycopg2: tried " + candidates()
                + "; install them (apt install python3-alembic python3-psycopg2) or set -D" + AlembicSettings.PYTHON_KEY);
        return FOUND.get();
    }

    private static List<String> candidates() {
        List<String> candidates = new ArrayList<>();
        Optional.ofNullable(System.getProperty(AlembicSettings.PYTHON_KEY)).filter(p -> !p.isBlank()).ifPresent(candidates::add);
        candidates.add("/usr/bin/python3");
        candidates.add("python3");
        return candidates;
    }

    private static Optional<String> find() {
        return candidates().stream().filter(PythonWithAlembic::importsAlembic).findFirst();
    }

    private static boolean importsAlembic(String python) {
        try {
            Process process = new ProcessBuilder(python, "-c", "import alembic, sqlalchemy, psycopg2")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
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
}
