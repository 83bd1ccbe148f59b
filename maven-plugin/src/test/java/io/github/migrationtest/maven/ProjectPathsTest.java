package io.github.migrationtest.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import org.junit.jupiter.api.Test;

/** Relative paths are the module's, not those of the folder mvn was started in. */
class ProjectPathsTest {

    private final File module = new File("/work/project/orders");
    private final ProjectPaths paths = new ProjectPaths(module, module);

    @Test
    void a_relative_folder_or_changelog_is_read_from_the_module() {
        assertThat(paths.location("db/migrations")).isEqualTo("/work/project/orders/db/migrations");
        assertThat(paths.location("src/main/resources/db/changelog.xml"))
                .isEqualTo("/work/project/orders/src/main/resources/db/changelog.xml");
        assertThat(paths.location("filesystem:src/main/resources/db/migration"))
                .isEqualTo("filesystem:/work/project/orders/src/main/resources/db/migration");
    }

    @Test
    void class_path_and_absolute_locations_are_left_as_they_are() {
        assertThat(paths.location("classpath:db/migration")).isEqualTo("classpath:db/migration");
        assertThat(paths.location("/srv/db")).isEqualTo("/srv/db");
    }

    @Test
    void no_location_stays_none_in_the_folder_mvn_runs_in_and_names_any_other_module() {
        assertThat(new ProjectPaths(module, module).location(null)).isNull();
        assertThat(new ProjectPaths(module, new File("/work/project/orders/../orders")).location(" ")).isNull();
        assertThat(new ProjectPaths(module, new File("/work/project")).location(null)).isEqualTo("/work/project/orders");
    }

    @Test
    void a_model_file_is_read_from_the_module_and_other_models_are_left_alone() {
        assertThat(paths.model("snapshot:src/test/resources/schema.txt"))
                .isEqualTo("snapshot:/work/project/orders/src/test/resources/schema.txt");
        assertThat(paths.model("sql:schema.sql")).isEqualTo("sql:/work/project/orders/schema.sql");
        assertThat(paths.model("jpa:com.acme.orders")).isEqualTo("jpa:com.acme.orders");
        assertThat(paths.model("alembic")).isEqualTo("alembic");
    }

    @Test
    void an_alembic_env_is_a_file_unless_it_is_the_word_minimal() {
        assertThat(paths.alembicEnv("minimal")).isEqualTo("minimal");
        assertThat(paths.alembicEnv("migrations/env_ci.py")).isEqualTo("/work/project/orders/migrations/env_ci.py");
    }
}
