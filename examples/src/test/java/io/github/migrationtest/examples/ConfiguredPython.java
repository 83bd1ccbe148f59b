package io.github.migrationtest.examples;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Whether the Python the Alembic examples run in has what they need: a test condition, not an example. */
final class ConfiguredPython {

    private ConfiguredPython() {
    }

    static boolean hasAlembic() {
        String python = Optional.ofNullable(System.getProperty("migrationtest.alembic.python"))
                .or(() -> Optional.ofNullable(System.getenv("MIGRATIONTEST_ALEMBIC_PYTHON")))
                .filter(value -> !value.isBlank()).orElse("python3");
        try {
            Process process = new ProcessBuilder(python, "-c", "import alembic, psycopg2").redirectErrorStream(true).start();
            process.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
