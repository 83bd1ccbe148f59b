package io.github.migrationtest.verifier.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.migrationtest.verifier.source.HistoryFinding;
import io.github.migrationtest.verifier.source.MigrationSource;
import io.github.migrationtest.verifier.source.MigrationSources;
import io.github.migrationtest.verifier.source.SourceOptions;
import io.github.migrationtest.verifier.source.script.ScriptFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs that used to crash the verifier (exit 1, as if a check had failed, with a stack trace or the
 * driver's words) are reported as what they are, naming the file, and end with exit 2.
 */
class BrokenInputExitCodeTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void a_liquibase_changelog_that_includes_itself_is_named_not_a_stack_overflow() throws IOException {
        Path changelog = Files.writeString(dir.resolve("changelog.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
                    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                    xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog
                        http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-4.20.xsd">
                  <changeSet id="1" author="a"><sql>CREATE TABLE a (id int)</sql><rollback>DROP TABLE a</rollback></changeSet>
                  <include file="changelog.xml" relativeToChangelogFile="true"/>
                </databaseChangeLog>
                """);
        try (MigrationSource source = MigrationSources.open(changelog, SourceOptions.defaults())) {
            assertThat(source.findings()).singleElement().satisfies(finding -> {
                assertThat(finding.kind()).isEqualTo(HistoryFinding.Kind.INVALID_CHANGELOG);
                assertThat(finding.file()).isEqualTo(changelog.toString());
                assertThat(finding.message()).startsWith("includes itself");
            });
        }

        assertThat(run("verify", changelog.toString())).isEqualTo(2);
        assertThat(err.toString()).contains(changelog + ": includes itself").doesNotContain("StackOverflowError");
    }

    @Test
    void a_script_with_a_nul_byte_says_where_the_byte_is() throws IOException {
        Files.writeString(dir.resolve("0001_t.up.sql"), "CREATE TABLE t (id int);\nSELECT 1;\0\n");
        Files.writeString(dir.resolve("0001_t.down.sql"), "DROP TABLE t;\n");

        try (MigrationSource source = MigrationSources.open(dir, SourceOptions.defaults())) {
            assertThat(source.findings()).filteredOn(HistoryFinding::isError).singleElement().satisfies(finding -> {
                assertThat(finding.kind()).isEqualTo(HistoryFinding.Kind.NUL_BYTE);
                assertThat(finding.message()).isEqualTo("has a NUL byte at 2:10");
            });
        }
        assertThat(run("verify", dir.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("0001_t.up.sql: has a NUL byte at 2:10")
                .doesNotContain("insufficient data left in message");
    }

    @Test
    void an_init_script_with_a_nul_byte_is_refused_naming_it() throws IOException {
        Path init = Files.writeString(dir.resolve("init.sql"), "\0CREATE EXTENSION citext;\n");
        assertThatThrownBy(() -> ScriptFiles.readInitScripts(List.of(init)))
                .hasMessage("Could not read init script " + init + ": it has a NUL byte at 1:1. Fix: remove the NUL byte");
    }
}
