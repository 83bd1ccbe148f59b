package io.github.migrationtest.verifier.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.migrationtest.verifier.diff.DiffOptions;
import io.github.migrationtest.verifier.diff.DiffResult;
import io.github.migrationtest.verifier.diff.SchemaDiff;
import io.github.migrationtest.verifier.source.alembic.AlembicModelBuilder.Check;
import io.github.migrationtest.verifier.source.alembic.AlembicModelBuilder.Reported;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** What alembic check would have said, beside a difference the snapshots found: public.users.nickname missing. */
class SqlAlchemyVerdictTest {

    private static final DiffResult NICKNAME_MISSING = SchemaDiff.compare(HeadSchemas.USERS_WITH_NICKNAME, HeadSchemas.USERS,
            DiffOptions.defaults());

    private static Check check(List<Reported> diffs) {
        return new Check("1.8.1", diffs, "False", "False");
    }

    @Test
    void should_list_what_alembic_check_reports_and_name_none_blind_when_it_saw_the_difference() {
        String verdict = SqlAlchemyModel.verdict(check(List.of(new Reported("add_column public.users.nickname",
                List.of("public.users.nickname")))), NICKNAME_MISSING);

        assertThat(verdict).isEqualTo("alembic check (Alembic 1.8.1, compare_type=False, compare_server_default=False)"
                + " would have reported 1 (add_column public.users.nickname)");
    }

    @Test
    void should_name_the_differences_alembic_check_reports_nothing_about() {
        String verdict = SqlAlchemyModel.verdict(check(List.of(new Reported("add_table public.orders",
                List.of("public.orders")))), NICKNAME_MISSING);

        assertThat(verdict).endsWith(" would have reported 1 (add_table public.orders) and is blind to public.users.nickname");
    }

    @Test
    void should_take_a_table_alembic_check_reports_as_seeing_its_columns() {
        String verdict = SqlAlchemyModel.verdict(check(List.of(new Reported("add_table public.users",
                List.of("public.users")))), NICKNAME_MISSING);

        assertThat(verdict).doesNotContain("blind");
    }

    @Test
    void should_list_a_few_of_many_differences_and_count_the_rest() {
        List<Reported> many = IntStream.rangeClosed(1, 11).mapToObj(i -> new Reported("remove_table public.t" + i,
                List.of("public.t" + i))).toList();

        String verdict = SqlAlchemyModel.verdict(check(many), NICKNAME_MISSING);

        assertThat(verdict).contains(" would have reported 11 (remove_table public.t1; ").contains("; remove_table public.t8;"
                + " and 3 more)").doesNotContain("public.t9");
    }

    @Test
    void should_say_alembic_check_would_have_passed_when_it_reports_nothing() {
        assertThat(SqlAlchemyModel.verdict(check(List.of()), NICKNAME_MISSING))
                .endsWith(" would have passed: it is blind to this difference");
    }
}
