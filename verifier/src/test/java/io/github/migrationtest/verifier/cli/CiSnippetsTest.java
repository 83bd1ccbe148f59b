package io.github.migrationtest.verifier.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;
import picocli.CommandLine;

/**
 * The GitHub Actions workflow and the GitLab CI job of docs/ci.md, as far as they can run here: their
 * {@code java -jar migrationtest.jar verify ...} line, options as written, runs in a JVM of its own in a
 * Spring Boot project whose revision 2 has a downgrade that restores nothing, with the CI system's
 * environment; the files the other steps read are the ones that line writes. (The jar is this build's
 * class path: the test phase comes before the jar is packaged.)
 */
class CiSnippetsTest {

    private static final Path DOCS = Path.of("../docs/ci.md");
    private static final String COMMAND = "java -jar migrationtest.jar ";

    @TempDir
    Path project;

    @Test
    void the_github_workflow_annotates_the_downgrade_to_fix_and_writes_the_summary_its_next_step_reads() throws Exception {
        Map<String, Object> workflow = yamlAfter("## GitHub Actions");
        List<Map<String, Object>> steps = list(map(map(workflow.get("jobs")).get("migrationtest")).get("steps"));
        String verify = steps.stream().map(step -> (String) step.get("run")).filter(run -> run != null && run.startsWith(COMMAND))
                .findFirst().orElseThrow();
        List<String> arguments = arguments(verify);
        String summary = option(arguments, "--markdown");
        assertThat(steps).extracting(step -> step.get("run"))
                .contains("cat " + summary + " >> \"$GITHUB_STEP_SUMMARY\"");
        brokenSpringBootProject();

        Run run = run(arguments, Map.of("GITHUB_ACTIONS", "true", "GITHUB_WORKSPACE", project.toString()));

        assertThat(run.exit()).as(run.output()).isEqualTo(1);
        assertThat(run.output()).contains("Flyway settings from src/main/resources/application.yml:"
                + " locations=classpath:db/migration/{vendor} -> src/main/resources/db/migration/postgresql,");
        assertThat(run.output().lines().filter(line -> line.startsWith("::")).toList()).containsExactly(
                "::error title=migrationtest%3A History%3A FULL_DOWNGRADE_TO_BASE::" + escaped(run, "History: "),
                "::error file=src/main/resources/db/migration/postgresql/U2__create_audit.sql,title=migrationtest%3A"
                        + " Revision 2 (create audit)%3A DOWNGRADE_RESTORES_SCHEMA::" + escaped(run, "Revision 2 (create audit): the downgrade"),
                "::error file=src/main/resources/db/migration/postgresql/U2__create_audit.sql,title=migrationtest%3A"
                        + " Revision 2 (create audit)%3A REUPGRADE_REPRODUCES_SCHEMA::" + escaped(run, "Revision 2 (create audit): the upgrade failed after"));
        assertThat(project.resolve(summary)).content().startsWith("## migrationtest: ❌ verification failed");
        assertThat(project.resolve(option(arguments, "--junit-xml"))).exists();
    }

    @Test
    void the_gitlab_job_writes_the_code_quality_and_junit_reports_its_artifacts_name() throws Exception {
        Map<String, Object> job = map(yamlAfter("## GitLab CI").get("migrationtest"));
        String verify = list(job.get("script")).stream().map(String::valueOf).filter(line -> line.startsWith(COMMAND))
                .findFirst().orElseThrow();
        List<String> arguments = arguments(verify);
        Map<String, Object> reports = map(map(job.get("artifacts")).get("reports"));
        assertThat(reports).containsEntry("codequality", option(arguments, "--gitlab-codequality"))
                .containsEntry("junit", option(arguments, "--junit-xml"));
        brokenSpringBootProject();

        Run run = run(arguments, Map.of("CI_PROJECT_DIR", project.toString()));

        assertThat(run.exit()).as(run.output()).isEqualTo(1);
        assertThat(run.output()).doesNotContain("::error");
        JsonArray issues = JsonParser.parseString(Files.readString(project.resolve(option(arguments, "--gitlab-codequality"))))
                .getAsJsonArray();
        JsonObject downgrade = issues.get(1).getAsJsonObject();
        assertThat(downgrade.get("check_name").getAsString()).isEqualTo("migrationtest.DOWNGRADE_RESTORES_SCHEMA");
        assertThat(downgrade.getAsJsonObject("location").get("path").getAsString())
                .isEqualTo("src/main/resources/db/migration/postgresql/U2__create_audit.sql");
        assertThat(issues.get(0).getAsJsonObject().getAsJsonObject("location").get("path").getAsString())
                .isEqualTo("src/main/resources/db/migration/postgresql");
        assertThat(project.resolve(option(arguments, "--junit-xml"))).exists();
    }

    /** The Spring Boot test project, its revision 2's downgrade emptied: the audit table stays behind. */
    private void brokenSpringBootProject() throws IOException {
        Path source = Path.of("src/test/resources/spring/flyway-yaml");
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path target = project.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        Files.writeString(project.resolve("src/main/resources/db/migration/postgresql/U2__create_audit.sql"), "SELECT 1;\n");
    }

    private record Run(int exit, String output) {}

    private Run run(List<String> arguments, Map<String, String> environment) throws IOException, InterruptedException {
        new CommandLine(new Main()).parseArgs(arguments.toArray(String[]::new)); // the options as written parse
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("GITHUB_") || name.startsWith("CI_"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(process.waitFor(), output);
    }

    /** The message of an annotation: the failure as printed above it, escaped as a workflow command's data. */
    private static String escaped(Run run, String firstLineStart) {
        String output = run.output();
        int start = output.indexOf("\n" + firstLineStart) + 1;
        int end = output.indexOf("\n\n", start);
        int annotations = output.indexOf("\n::", start);
        end = end < 0 || (annotations >= 0 && annotations < end) ? annotations : end;
        return output.substring(start, end).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    private static List<String> arguments(String commandLine) {
        return Arrays.asList(commandLine.substring(COMMAND.length()).strip().split("\\s+"));
    }

    private static String option(List<String> arguments, String name) {
        return arguments.get(arguments.indexOf(name) + 1);
    }

    /** The first YAML block after a heading of docs/ci.md. */
    private static Map<String, Object> yamlAfter(String heading) throws IOException {
        String docs = Files.readString(DOCS);
        int at = docs.indexOf("```yaml\n", docs.indexOf("\n" + heading + "\n")) + "```yaml\n".length();
        return new Yaml().load(docs.substring(at, docs.indexOf("```", at)));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> list(Object value) {
        return (List<T>) value;
    }
}
