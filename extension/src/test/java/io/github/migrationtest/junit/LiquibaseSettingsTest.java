package io.github.migrationtest.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.migrationtest.verifier.source.Revision;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Liquibase's contexts and labels reach the history from the annotation and from the configuration keys. */
class LiquibaseSettingsTest {

    private static final String HISTORY = "classpath:histories/liquibase/changelog.sql";
    static volatile List<String> seen;

    @MigrationTest(location = HISTORY, liquibaseContexts = "prod", liquibaseLabels = "!slow")
    static class AnnotatedTestCase {
        @Test
        void test(MigrationRunner runner) {
            seen = runner.revisions().stream().map(Revision::id).toList();
            runner.upgradeTo(runner.revisions().get(runner.revisions().size() - 1).id());
        }
    }

    @MigrationTest(location = HISTORY)
    static class ConfiguredTestCase {
        @Test
        void test(MigrationRunner runner) {
            seen = runner.revisions().stream().map(Revision::id).toList();
        }
    }

    @MigrationTest(location = "src/test/resources/histories/liquibase-search/db/master.xml")
    static class SearchPathTestCase {
        @Test
        void test(MigrationRunner runner) {
            seen = runner.revisions().stream().map(Revision::id).toList();
        }
    }

    @Test
    void the_search_path_key_names_folders_relative_to_the_project() {
        Kit.assertAllPassed(Kit.run(SearchPathTestCase.class, MigrationTest.LIQUIBASE_SEARCH_PATH_PROPERTY_NAME,
                "src/test/resources/histories/liquibase-search/db, src/test/resources/histories/liquibase-search/common"), 1);
        assertThat(seen).containsExactly("users");
    }

    @Test
    void the_annotation_chooses_the_changesets_that_are_revisions() {
        Kit.assertAllPassed(Kit.run(AnnotatedTestCase.class), 1);
        assertThat(seen).containsExactly("schema");
    }

    @Test
    void the_keys_choose_them_when_the_annotation_does_not() {
        Kit.assertAllPassed(Kit.run(ConfiguredTestCase.class, MigrationTest.LIQUIBASE_CONTEXTS_PROPERTY_NAME, "test",
                MigrationTest.LIQUIBASE_LABELS_PROPERTY_NAME, "!slow"), 1);
        assertThat(seen).containsExactly("schema", "test-data");
    }

    @Test
    void without_either_every_changeset_is_a_revision() {
        Kit.assertAllPassed(Kit.run(ConfiguredTestCase.class), 1);
        assertThat(seen).containsExactly("schema", "test-data", "slow-index");
    }
}
