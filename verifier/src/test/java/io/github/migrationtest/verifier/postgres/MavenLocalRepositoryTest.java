package io.github.migrationtest.verifier.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MavenLocalRepositoryTest {

    @TempDir
    Path dir;

    @Test
    void the_user_settings_local_repository_is_used_with_its_expressions_resolved() throws Exception {
        Path user = settings("user.xml", "<localRepository>${env.CI_CACHE}/m2/${user.home}</localRepository>");
        Path global = settings("global.xml", "<localRepository>/opt/global-repo</localRepository>");

        assertThat(MavenLocalRepository.find(null, List.of(user, global), Map.of("CI_CACHE", "/cache"), "/home/ci"))
                .isEqualTo(Path.of("/cache/m2/home/ci"));
    }

    @Test
    void the_system_property_wins_then_the_global_settings_then_the_default() throws Exception {
        Path user = settings("user.xml", "<mirrors/>");
        Path global = settings("global.xml", "<localRepository>/opt/global-repo</localRepository>");
        Path missing = dir.resolve("missing.xml");

        assertThat(MavenLocalRepository.find("/tmp/repo", List.of(user, global), Map.of(), "/home/ci"))
                .isEqualTo(Path.of("/tmp/repo"));
        assertThat(MavenLocalRepository.find(null, List.of(missing, user, global), Map.of(), "/home/ci"))
                .isEqualTo(Path.of("/opt/global-repo"));
        assertThat(MavenLocalRepository.find(null, List.of(missing, user), Map.of(), "/home/ci"))
                .isEqualTo(Path.of("/home/ci/.m2/repository"));
    }

    @Test
    void a_settings_file_that_is_not_xml_is_passed_over() throws Exception {
        Path broken = Files.writeString(dir.resolve("broken.xml"), "<settings><localRepository>");

        assertThat(MavenLocalRepository.localRepositoryIn(broken)).isEmpty();
    }

    private Path settings(String name, String body) throws Exception {
        return Files.writeString(dir.resolve(name), "<?xml version=\"1.0\"?>\n<settings xmlns=\"http://maven.apache.org/SETTINGS/1.0.0\">"
                + body + "</settings>\n");
    }
}
