package io.github.migrationtest.verifier.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The repository's {@code Dockerfile}, checked as far as a machine without a Docker engine allows: it
 * is read, not built. What this cannot show is that the image builds and that Postgres starts inside
 * it; that needs {@code docker build} and {@code docker run} (docs/install.md).
 */
class DockerfileIT {

    private static final Path ROOT = Path.of("..");
    private static final Path DOCKERFILE = ROOT.resolve("Dockerfile");
    /** The shade plugin's output file, as the verifier's pom names it. */
    private static final Pattern SHADED_JAR = Pattern.compile("<outputFile>\\$\\{project.build.directory}/([^<]+)</outputFile>");

    @Test
    void the_image_runs_as_a_user_that_is_not_root() throws IOException {
        List<String> users = arguments("USER");

        assertThat(users).as("a USER instruction (Postgres refuses to run as root)").isNotEmpty();
        String user = users.get(users.size() - 1).split(":")[0];
        assertThat(user).isNotIn("root", "0", "");
        // A numeric uid lets Kubernetes' runAsNonRoot check it without reading /etc/passwd.
        assertThat(user).matches("[1-9]\\d*");
        assertThat(String.join("\n", arguments("RUN"))).contains("useradd").contains("--uid " + user);
    }

    @Test
    void the_image_copies_the_jar_this_build_makes_and_runs_it() throws IOException {
        Matcher shaded = SHADED_JAR.matcher(Files.readString(Path.of("pom.xml")));
        assertThat(shaded.find()).as("the shade plugin's outputFile in verifier/pom.xml").isTrue();
        String builtJar = "verifier/target/" + shaded.group(1);
        assertThat(ROOT.resolve(builtJar)).as("built by package, before this test").isRegularFile();

        List<String> copies = arguments("COPY");
        assertThat(copies).hasSize(1);
        String[] copy = copies.get(0).split("\\s+");
        assertThat(copy[0]).isEqualTo(builtJar);
        String inImage = copy[1];

        assertThat(arguments("ENTRYPOINT")).containsExactly("[\"java\", " + JVM_OPTIONS + ", \"-jar\", \"" + inImage + "\"]");
        assertThat(arguments("FROM")).containsExactly("eclipse-temurin:17-jre");
        assertThat(Files.readAllLines(ROOT.resolve(".dockerignore"))).as("the context holds the jar")
                .contains("*", "!" + builtJar);
    }

    @Test
    void the_entrypoint_with_the_default_command_prints_the_usage() throws Exception {
        assertThat(arguments("CMD")).containsExactly("[\"--help\"]");
        // The ENTRYPOINT's command with the jar where this build made it.
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", "target/migrationtest.jar", "--help").redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("Usage: migrationtest").contains("verify").contains("snapshot");
    }

    /** The JVM options the image runs the jar with, as the ENTRYPOINT's JSON array lists them (docs/install.md). */
    private static final String JVM_OPTIONS = "\"-XX:TieredStopAtLevel=1\", \"-XX:+UseSerialGC\"";

    /** The arguments of every instruction of that name, continuation lines joined, comments left out. */
    private static List<String> arguments(String instruction) throws IOException {
        List<String> result = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : Files.readAllLines(DOCKERFILE)) {
            if (line.strip().startsWith("#")) {
                continue;
            }
            current.append(line.strip());
            if (line.endsWith("\\")) {
                current.setLength(current.length() - 1);
                current.append(' ');
                continue;
            }
            String whole = current.toString().strip();
            current.setLength(0);
            String[] parts = whole.split("\\s+", 2);
            if (parts.length == 2 && parts[0].equalsIgnoreCase(instruction)) {
                result.add(parts[1].strip());
            }
        }
        return result;
    }
}
