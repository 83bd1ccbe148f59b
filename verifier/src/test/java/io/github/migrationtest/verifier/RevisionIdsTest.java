package io.github.migrationtest.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.migrationtest.verifier.source.Revision;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class RevisionIdsTest {

    private static List<Revision> revisions(String... ids) {
        return Stream.of(ids).map(id -> Revision.reversible(id, "", List.of())).toList();
    }

    @Test
    void an_id_is_found_as_written_or_as_the_same_version() {
        List<Revision> sql = revisions("0001", "0002", "0010");
        List<Revision> flyway = revisions("1", "1.1", "2");

        assertThat(RevisionIds.indexOf(sql, "0002")).hasValue(1);
        assertThat(RevisionIds.indexOf(sql, "2")).hasValue(1);
        assertThat(RevisionIds.indexOf(sql, "10")).hasValue(2);
        assertThat(RevisionIds.indexOf(flyway, "1_1")).hasValue(1);
        assertThat(RevisionIds.indexOf(flyway, "01.1")).hasValue(1);
    }

    @Test
    void an_id_as_written_wins_and_other_ids_match_only_exactly() {
        List<Revision> liquibase = revisions("create-users", "1", "01");

        assertThat(RevisionIds.indexOf(liquibase, "create-users")).hasValue(0);
        assertThat(RevisionIds.indexOf(liquibase, "CREATE-USERS")).isEmpty();
        assertThat(RevisionIds.indexOf(liquibase, "01")).hasValue(2);
        assertThat(RevisionIds.indexOf(liquibase, "001")).hasValue(1);
        assertThat(RevisionIds.indexOf(liquibase, "3")).isEmpty();
        assertThat(RevisionIds.list(liquibase)).isEqualTo("create-users, 1, 01");
        assertThat(RevisionIds.list(List.of())).isEqualTo("(none)");
    }
}
