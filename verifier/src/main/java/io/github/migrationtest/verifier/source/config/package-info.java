/**
 * The migration tools' own configuration, read as the tools read it outside Spring Boot: Flyway's
 * {@code flyway.conf} / {@code flyway.toml} and {@code FLYWAY_*} variables, Liquibase's
 * {@code liquibase.properties} and {@code LIQUIBASE_COMMAND_*} variables, and the command line's
 * {@code --placeholder} / {@code --parameter} values; each setting keeps where it came from.
 */
package io.github.migrationtest.verifier.source.config;
