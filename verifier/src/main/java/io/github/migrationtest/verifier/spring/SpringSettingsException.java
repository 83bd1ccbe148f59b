package io.github.migrationtest.verifier.spring;

/** Spring Boot's settings say something the verifier cannot follow; the message names the file and the fix. */
public final class SpringSettingsException extends IllegalArgumentException {

    public SpringSettingsException(String message) {
        super(message);
    }
}
