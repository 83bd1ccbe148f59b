package io.github.migrationtest.verifier.diff;

import static io.github.migrationtest.verifier.snapshot.SnapshotFixtures.column;
import static io.github.migrationtest.verifier.snapshot.SnapshotFixtures.commentedColumn;
import static io.github.migrationtest.verifier.snapshot.SnapshotFixtures.commentedTable;
import static io.github.migrationtest.verifier.snapshot.SnapshotFixtures.enumType;
import static io.github.migrationtest.verifier.snapshot.SnapshotFixtures.function;
import static io.github.migrationtest.verifier.snapshot.SnapshotFixtures.index;
import static io.github.migrationtest.verifier.snapshot.SnapshotFixtures.table;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.migrationtest.verifier.snapshot.Column;
import io.github.migrationtest.verifier.snapshot.Constraint;
import io.github.migrationtest.verifier.snapshot.Extension;
import io.github.migrationtest.verifier.snapshot.Index;
import io.github.migrationtest.verifier.snapshot.ObjectKind;
import io.github.migrationtest.verifier.snapshot.SchemaObject;
import io.github.migrationtest.verifier.snapshot.SchemaSnapshot;
import io.github.migrationtest.verifier.snapshot.SnapshotFixtures;
import io.github.migrationtest.verifier.snapshot.View;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaDiffTest {

    private static final String USERS_EMAIL_IDX = "CREATE INDEX users_email_idx ON public.users USING btree (email)";

    private static SchemaSnapshot users(String emailType, String... order) {
        List<SchemaObject> objects = new ArrayList<>();
        objects.add(table("public", "users"));
        for (int i = 0; i < order.length; i++) {
            objects.add(column("public", "users", order[i], i + 1, order[i].equals("email") ? emailType : "integer"));
        }
        return SchemaSnapshot.of(objects);
    }

    private static SchemaSnapshot with(SchemaSnapshot snapshot, SchemaObject... more) {
        List<SchemaObject> objects = new ArrayList<>(snapshot.objects());
        objects.addAll(List.of(more));
        return SchemaSnapshot.of(objects);
    }

    @Test
    void a_snapshot_does_not_differ_from_itself() {
        SchemaSnapshot snapshot = SnapshotFixtures.everyKind();

        DiffResult result = SchemaDiff.compare(snapshot, snapshot);

        assertThat(result.isEmpty()).isTrue();
        assertThat(result.matches()).isTrue();
        assertThat(result.render()).isEmpty();
    }

    @Test
    void a_changed_column_type_names_the_column_the_property_and_both_values() {
        DiffResult result = SchemaDiff.compare(users("character varying(255)", "id", "email"), users("text", "id", "email"));

        assertThat(result.differences()).containsExactly(new ChangedProperty("public.users.email", ObjectKind.COLUMN,
                "type", "character varying(255)", "text", "public.users"));
        assertThat(result.render()).isEqualTo("public.users.email: type character varying(255) -> text\n");
    }

    @Test
    void an_object_only_in_the_actual_schema_is_unexpected_and_one_only_in_the_expected_is_missing() {
        SchemaSnapshot base = users("text", "id", "email");
        SchemaSnapshot withIndex = with(base, index("public", "users_email_idx", "users", USERS_EMAIL_IDX));

        assertThat(SchemaDiff.compare(base, withIndex).differences()).containsExactly(new UnexpectedObject(
                "public.users_email_idx", ObjectKind.INDEX, USERS_EMAIL_IDX, "public.users"));
        assertThat(SchemaDiff.compare(withIndex, base).render()).isEqualTo(
                "public.users_email_idx: missing index: " + USERS_EMAIL_IDX + "\n");
    }

    @Test
    void a_missing_table_stands_for_its_columns_and_indexes() {
        SchemaSnapshot withIndex = with(users("text", "id", "email"),
                index("public", "users_email_idx", "users", USERS_EMAIL_IDX));

        DiffResult result = SchemaDiff.compare(withIndex, SchemaSnapshot.of(List.of()));

        assertThat(result.differences()).extracting(Difference::path).containsExactly("public.users");
        assertThat(result.differences().get(0)).isInstanceOf(MissingObject.class);
    }

    @Test
    void column_order_is_reported_but_does_not_fail_by_default() {
        DiffResult result = SchemaDiff.compare(users("text", "id", "email", "name"), users("text", "id", "name", "email"));

        assertThat(result.differences()).containsExactly(new ColumnOrderChanged("public.users",
                List.of("id", "email", "name"), List.of("id", "name", "email"), true));
        assertThat(result.matches()).isTrue();
        assertThat(result.isEmpty()).isFalse();
        assertThat(result.render())
                .isEqualTo("public.users: column order (id, email, name) -> (id, name, email) [report only]\n");
    }

    @Test
    void column_order_fails_when_strict_and_is_silent_when_ignored() {
        SchemaSnapshot expected = users("text", "id", "email", "name");
        SchemaSnapshot actual = users("text", "id", "name", "email");

        DiffResult strict = SchemaDiff.compare(expected, actual, DiffOptions.defaults().withStrictColumnOrder());
        DiffResult ignored = SchemaDiff.compare(expected, actual,
                DiffOptions.defaults().withColumnOrder(DiffOptions.ColumnOrder.IGNORE));

        assertThat(strict.matches()).isFalse();
        assertThat(strict.failures()).singleElement().isInstanceOf(ColumnOrderChanged.class);
        assertThat(ignored.isEmpty()).isTrue();
    }

    @Test
    void a_column_added_last_is_unexpected_but_not_a_change_of_order() {
        DiffResult result = SchemaDiff.compare(users("text", "id", "email"), users("text", "id", "email", "name"));

        assertThat(result.differences()).singleElement().isInstanceOf(UnexpectedObject.class)
                .extracting(Difference::path).isEqualTo("public.users.name");
    }

    @Test
    void an_ignore_glob_on_a_table_ignores_the_table_and_everything_that_belongs_to_it() {
        SchemaSnapshot expected = SchemaSnapshot.of(List.of(table("public", "users")));
        SchemaSnapshot actual = SchemaSnapshot.of(List.of(table("public", "users"), table("public", "audit_log"),
                column("public", "audit_log", "id", 1, "integer"),
                index("public", "audit_log_idx", "audit_log", "CREATE INDEX ...")));

        assertThat(SchemaDiff.compare(expected, actual, DiffOptions.defaults().withIgnored("public.audit_*")).isEmpty())
                .isTrue();
        // Matches neither the column's nor the index's own path, only their table's.
        assertThat(SchemaDiff.compare(expected, actual, DiffOptions.defaults().withIgnored("public.audit_log"))
                .differences()).isEmpty();
        assertThat(SchemaDiff.compare(expected, actual, DiffOptions.defaults().withIgnored("other.audit_*"))
                .differences()).hasSize(1);
    }

    @Test
    void an_ignore_glob_on_a_column_name_matches_it_in_every_table() {
        SchemaSnapshot expected = SchemaSnapshot.of(List.of(table("public", "a"), table("app", "b"),
                column("public", "a", "updated_at", 1, "timestamp"), column("app", "b", "updated_at", 1, "timestamp")));
        SchemaSnapshot actual = SchemaSnapshot.of(List.of(table("public", "a"), table("app", "b"),
                column("public", "a", "updated_at", 1, "timestamptz")));

        DiffResult result = SchemaDiff.compare(expected, actual, DiffOptions.defaults().withIgnored("*.updated_at"));

        assertThat(result.isEmpty()).isTrue();
    }

    @Test
    void an_ignore_glob_may_name_the_kind_word_of_the_path() {
        SchemaSnapshot expected = SchemaSnapshot.of(List.of(enumType("public", "mood", "sad", "happy")));
        SchemaSnapshot actual = SchemaSnapshot.of(List.of(enumType("public", "mood", "sad", "ok", "happy")));

        assertThat(SchemaDiff.compare(expected, actual).differences()).singleElement()
                .extracting(Difference::path, Difference::expected, Difference::actual)
                .containsExactly("type public.mood", "'sad', 'happy'", "'sad', 'ok', 'happy'");
        assertThat(SchemaDiff.compare(expected, actual, DiffOptions.defaults().withIgnored("type public.*")).isEmpty())
                .isTrue();
    }

    @Test
    void a_flag_that_is_off_reads_false_but_a_boolean_default_that_is_absent_reads_none() {
        SchemaSnapshot expected = SchemaSnapshot.of(List.of(table("public", "t"),
                new Column("public", "t", "done", 1, "boolean", false, "true", null, null, null, null, null, null, null)));
        SchemaSnapshot actual = SchemaSnapshot.of(List.of(table("public", "t"),
                new Column("public", "t", "done", 1, "boolean", true, null, null, null, null, null, null, null, null)));

        assertThat(SchemaDiff.compare(expected, actual).differences()).extracting(Difference::describe)
                .containsExactlyInAnyOrder("public.t.done: not null false -> true", "public.t.done: default true -> (none)");
    }

    @Test
    void an_ignore_rule_with_a_property_ignores_only_that_property() {
        SchemaSnapshot expected = SchemaSnapshot.of(List.of(commentedTable("public", "t", "old"),
                commentedColumn("public", "t", "c", 1, "integer", "old")));
        SchemaSnapshot actual = SchemaSnapshot.of(List.of(commentedTable("public", "t", "new"),
                commentedColumn("public", "t", "c", 1, "text", "new")));

        DiffResult result = SchemaDiff.compare(expected, actual, DiffOptions.defaults().withIgnored("*#comment"));

        assertThat(result.differences()).singleElement().extracting(Difference::describe)
                .isEqualTo("public.t.c: type integer -> text");
    }

    @Test
    void an_ignored_property_that_only_one_side_has_is_no_change_of_property_order() {
        SchemaSnapshot expected = SchemaSnapshot.of(List.of(table("public", "t")));
        SchemaSnapshot actual = SchemaSnapshot.of(List.of(commentedTable("public", "t", "left behind")));

        assertThat(SchemaDiff.compare(expected, actual, DiffOptions.defaults().withIgnored("public.t#comment"))
                .differences()).isEmpty();
        assertThat(SchemaDiff.compare(expected, actual).differences()).singleElement()
                .extracting(Difference::describe).asString().startsWith("public.t: comment");
    }

    @Test
    void only_the_chosen_schemas_are_compared() {
        SchemaSnapshot expected = SchemaSnapshot.of(List.of(table("public", "a")));
        SchemaSnapshot actual = SchemaSnapshot.of(List.of(table("public", "a"), table("scratch", "b")));

        assertThat(SchemaDiff.compare(expected, actual, DiffOptions.defaults().withSchemas("public")).isEmpty()).isTrue();
        assertThat(SchemaDiff.compare(expected, actual).isEmpty()).isFalse();
        // Database-wide objects belong to no schema and are compared whichever schemas are chosen.
        SchemaSnapshot older = SchemaSnapshot.of(List.of(new Extension("hstore", "1.7", "public", null)));
        SchemaSnapshot newer = SchemaSnapshot.of(List.of(new Extension("hstore", "1.8", "public", null)));
        assertThat(SchemaDiff.compare(older, newer, DiffOptions.defaults().withSchemas("app")).differences())
                .extracting(Difference::describe).containsExactly("extension hstore: version 1.7 -> 1.8");
    }

    @Test
    void a_changed_body_is_described_by_its_first_differing_line() {
        SchemaSnapshot expected = SchemaSnapshot.of(List.of(function("public", "f", "", "BEGIN\n  RETURN 1;\nEND;")));
        SchemaSnapshot actual = SchemaSnapshot.of(List.of(function("public", "f", "", "BEGIN\n  RETURN 2;\nEND;")));

        assertThat(SchemaDiff.compare(expected, actual).render())
                .isEqualTo("function public.f(): body differs from line 2: \"RETURN 1;\" -> \"RETURN 2;\"\n");
    }

    @Test
    void differences_are_grouped_by_the_object_they_concern() {
        SchemaSnapshot expected = with(users("text", "id", "email"), enumType("public", "mood", "a"));
        SchemaSnapshot actual = with(users("citext", "id", "email"), enumType("public", "mood", "a", "b"),
                index("public", "users_email_idx", "users", USERS_EMAIL_IDX));

        assertThat(SchemaDiff.compare(expected, actual).render()).isEqualTo("""
                type public.mood: labels 'a' -> 'a', 'b'

                public.users.email: type text -> citext
                public.users_email_idx: unexpected index: %s
                """.formatted(USERS_EMAIL_IDX));
        // A type sorted after the table: its change is found between the table's two differences.
        SchemaSnapshot laterType = with(users("text", "id", "email"), enumType("public", "vibe", "a"));
        SchemaSnapshot laterTypeChanged = with(users("citext", "id", "email"), enumType("public", "vibe", "a", "b"),
                index("public", "users_email_idx", "users", USERS_EMAIL_IDX));
        assertThat(SchemaDiff.compare(laterType, laterTypeChanged).render()).isEqualTo("""
                public.users.email: type text -> citext
                public.users_email_idx: unexpected index: %s

                type public.vibe: labels 'a' -> 'a', 'b'
                """.formatted(USERS_EMAIL_IDX));
    }

    @Test
    void a_missing_or_unexpected_unique_constraint_is_listed_once_not_again_as_its_index() {
        SchemaSnapshot without = users("text", "id", "email");
        SchemaSnapshot with = with(without, new Constraint("public", "users", "users_email_key", "UNIQUE (email)", null),
                new Index("public", "users_email_key", "users", "users_email_key", null, false, false, null));

        assertThat(SchemaDiff.compare(with, without).render())
                .isEqualTo("constraint public.users.users_email_key: missing constraint: UNIQUE (email)\n");
        assertThat(SchemaDiff.compare(without, with).render())
                .isEqualTo("constraint public.users.users_email_key: unexpected constraint: UNIQUE (email)\n");
    }

    @Test
    void a_unique_constraint_replaced_by_a_unique_index_of_the_same_name_shows_both_changes() {
        SchemaSnapshot base = users("text", "id", "email");
        SchemaSnapshot constraint = with(base, new Constraint("public", "users", "users_email_key", "UNIQUE (email)", null),
                new Index("public", "users_email_key", "users", "users_email_key", null, false, false, null));
        SchemaSnapshot index = with(base, new Index("public", "users_email_key", "users", null,
                "CREATE UNIQUE INDEX users_email_key ON public.users USING btree (email)", false, false, null));

        assertThat(SchemaDiff.compare(constraint, index).differences()).extracting(Difference::path)
                .containsExactly("constraint public.users.users_email_key", "public.users_email_key",
                        "public.users_email_key");
    }

    @Test
    void a_long_line_that_differs_far_from_its_start_is_shown_from_a_little_before_the_difference() {
        String where = "  WHERE orders.placed > 'now'::timestamp without time zone AND orders.stamped > 'now'::timestamp"
                + " with time zone AND orders.placed > ";
        SchemaSnapshot before = SchemaSnapshot.of(List.of(new View("public", "recent", false,
                " SELECT id\n   FROM orders\n" + where + "'2020-01-01'::date;", null, null, null)));
        SchemaSnapshot after = SchemaSnapshot.of(List.of(new View("public", "recent", false,
                " SELECT id\n   FROM orders\n" + where + "'2021-01-01'::date;", null, null, null)));

        assertThat(SchemaDiff.compare(before, after).render()).isEqualTo("public.recent: definition differs from"
                + " line 3: \"... zone AND orders.placed > '2020-01-01'::date;\""
                + " -> \"... zone AND orders.placed > '2021-01-01'::date;\"\n");
    }
}
