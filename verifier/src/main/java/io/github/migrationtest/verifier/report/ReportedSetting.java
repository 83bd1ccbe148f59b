package io.github.migrationtest.verifier.report;

/**
 * A setting the verification ran with and where it came from, such as Spring Boot's
 * {@code spring.flyway.locations} read from {@code src/main/resources/application.yml}.
 *
 * @param name the setting's name as its source writes it
 * @param value the value used (placeholders resolved)
 * @param origin the file or environment variable it came from
 */
public record ReportedSetting(String name, String value, String origin) {}
