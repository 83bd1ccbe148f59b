package io.github.migrationtest.verifier.source.liquibase;

import java.util.logging.Level;
import liquibase.logging.Logger;
import liquibase.logging.core.AbstractLogService;
import liquibase.logging.core.AbstractLogger;
import org.slf4j.LoggerFactory;

/**
 * Sends Liquibase's logging to SLF4J quietly: INFO chatter becomes DEBUG, and SEVERE too, because every
 * Liquibase error also reaches the caller as a failure or finding; warnings stay warnings.
 */
final class QuietLogService extends AbstractLogService {

    @Override
    public int getPriority() {
        return PRIORITY_SPECIALIZED;
    }

    @Override
    @SuppressWarnings("rawtypes") // the interface declares a raw Class
    public Logger getLog(Class clazz) {
        return new Slf4jLogger(LoggerFactory.getLogger(clazz));
    }

    private static final class Slf4jLogger extends AbstractLogger {
        private final org.slf4j.Logger target;

        Slf4jLogger(org.slf4j.Logger target) {
            this.target = target;
        }

        @Override
        public void close() {
            // Nothing to release: SLF4J loggers are shared.
        }

        @Override
        public void log(Level level, String message, Throwable e) {
            int value = level.intValue();
            if (level == Level.OFF) {
                return;
            }
            if (value >= Level.SEVERE.intValue()) {
                // Every Liquibase error also reaches the caller as the failure or finding we report.
                target.debug(message, e);
            } else if (value >= Level.WARNING.intValue()) {
                target.warn(message, e);
            } else if (value >= Level.CONFIG.intValue()) {
                target.debug(message, e);
            } else {
                target.trace(message, e);
            }
        }
    }
}
