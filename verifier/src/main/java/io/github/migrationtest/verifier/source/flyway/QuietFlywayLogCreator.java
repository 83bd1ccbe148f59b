package io.github.migrationtest.verifier.source.flyway;

import org.flywaydb.core.api.logging.Log;
import org.flywaydb.core.api.logging.LogCreator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends Flyway's logging to SLF4J one level down: its progress lines become DEBUG, and its ERROR
 * lines too, because every Flyway error also reaches the caller as the failure we report; so do the
 * Postgres notices it logs as warnings.
 * Flyway instantiates it by class name ({@code loggers(...)}), hence public.
 */
public final class QuietFlywayLogCreator implements LogCreator {

    @Override
    public Log createLogger(Class<?> clazz) {
        return new QuietLog(LoggerFactory.getLogger(clazz));
    }

    private record QuietLog(Logger target) implements Log {
        @Override
        public void debug(String message) {
            target.trace(message);
        }

        @Override
        public void info(String message) {
            target.debug(message);
        }

        /**
         * A warning stays one, but not the notices Postgres sends for the user's statements, which Flyway passes on as
         * {@code DB: relation ... already exists, skipping}: no other tool's notices reach the progress lines either.
         */
        @Override
        public void warn(String message) {
            if (message != null && message.startsWith("DB: ")) {
                target.debug(message);
            } else {
                target.warn(message);
            }
        }

        @Override
        public void error(String message) {
            target.debug(message);
        }

        @Override
        public void error(String message, Exception e) {
            target.debug(message, e);
        }

        @Override
        public void notice(String message) {
            target.debug(message);
        }
    }
}
