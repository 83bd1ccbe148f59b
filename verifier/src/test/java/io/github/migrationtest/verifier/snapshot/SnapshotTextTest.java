package io.github.migrationtest.verifier.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SnapshotTextTest {

    @Test
    void parsing_the_rendered_text_gives_back_an_equal_snapshot() {
        SchemaSnapshot snapshot = SnapshotFixtures.everyKind();

        String text = SnapshotText.render(snapshot);

        assertThat(SnapshotText.parse(text)).isEqualTo(snapshot);
        assertThat(SnapshotText.render(SnapshotText.parse(text))).isEqualTo(text);
    }

    @Test
    void every_object_kind_is_covered_by_the_round_trip_fixture() {
        List<ObjectKind> kinds = SnapshotFixtures.everyKind().objects().stream().map(SchemaObject::kind).toList();

        assertThat(kinds).containsAll(List.of(ObjectKind.values()));
    }

    @Test
    void rendering_does_not_depend_on_the_order_objects_were_found_in() {
        List<SchemaObject> objects = new java.util.ArrayList<>(SnapshotFixtures.everyKind().objects());
        java.util.Collections.reverse(objects);

        assertThat(SnapshotText.render(SchemaSnapshot.of(objects)))
                .isEqualTo(SnapshotText.render(SnapshotFixtures.everyKind()));
    }

    @Test
    void a_table_is_followed_by_its_columns_in_position_order_then_its_indexes() {
        SchemaSnapshot snapshot = SchemaSnapshot.of(List.of(
                SnapshotFixtures.index("public", "a_idx", "users", "CREATE INDEX a_idx ON public.users USING btree (b)"),
                SnapshotFixtures.column("public", "users", "b", 2, "text"),
                SnapshotFixtures.column("public", "users", "a", 1, "integer"),
                SnapshotFixtures.table("public", "users"),
                SnapshotFixtures.table("public", "accounts")));

        assertThat(SnapshotText.render(snapshot)).isEqualTo("""
                # migrationtest schema snapshot 1

                table public.accounts

                table public.users

                column public.users.a
                  type: integer

                column public.users.b
                  type: text

                index public.a_idx
                  table: users
                  definition: CREATE INDEX a_idx ON public.users USING btree (b)
                """);
    }

    @Test
    void multi_line_values_are_indented_blocks_and_odd_values_are_escaped() {
        SchemaSnapshot snapshot = SchemaSnapshot.of(List.of(
                SnapshotFixtures.function("public", "f", "", "\nBEGIN\n\n  RETURN 1;\nEND;\n"),
                SnapshotFixtures.commentedTable("public", "t", " padded\t")));

        String text = SnapshotText.render(snapshot);

        assertThat(text).contains("  body: |\n    \n    BEGIN\n    \n      RETURN 1;\n    END;\n    \n").contains("  comment: E\" padded\\t\"\n");
        assertThat(SnapshotText.parse(text)).isEqualTo(snapshot);
    }

    @Test
    void columns_take_their_position_from_their_order_in_the_text() {
        SchemaSnapshot snapshot = SnapshotText.parse("""
                table public.t

                column public.t.z
                  type: integer

                column public.t.a
                  type: text
                """);

        assertThat(snapshot.columns(snapshot.table("public", "t").orElseThrow()))
                .extracting(Column::name, Column::position)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("z", 1), org.assertj.core.groups.Tuple.tuple("a", 2));
    }

    @Test
    void an_unknown_property_is_reported_with_its_line() {
        assertThatThrownBy(() -> SnapshotText.parse("""
                # migrationtest schema snapshot 1

                table public.t
                  colour: blue
                """))
                .isInstanceOf(SnapshotFormatException.class)
                .hasMessage("snapshot line 3: unknown property 'colour' in: table public.t");
    }

    @Test
    void an_unknown_object_kind_is_reported_with_its_line() {
        assertThatThrownBy(() -> SnapshotText.parse("\n\nwidget public.w\n"))
                .isInstanceOf(SnapshotFormatException.class)
                .hasMessage("snapshot line 3: unknown object kind in: widget public.w");
    }

    @Test
    void a_name_in_a_form_other_than_the_canonical_one_is_rejected() {
        assertThatThrownBy(() -> SnapshotText.parse("table \"public\".t\n"))
                .isInstanceOf(SnapshotFormatException.class)
                .hasMessageContaining("line 1");
    }

    @Test
    void two_objects_with_one_path_are_rejected() {
        assertThatThrownBy(() -> SnapshotText.parse("table public.t\n\ntable public.t\n"))
                .isInstanceOf(SnapshotFormatException.class)
                .hasMessage("snapshot: two objects have the path public.t");
    }

    @Test
    void equal_snapshots_have_equal_fingerprints_and_a_change_changes_it() {
        SchemaSnapshot one = SnapshotFixtures.everyKind();
        SchemaSnapshot same = SnapshotText.parse(SnapshotText.render(one));
        SchemaSnapshot other = SchemaSnapshot.of(List.of(SnapshotFixtures.table("public", "t")));

        assertThat(one.fingerprint()).isEqualTo(same.fingerprint()).hasSize(64).isNotEqualTo(other.fingerprint());
    }
}
