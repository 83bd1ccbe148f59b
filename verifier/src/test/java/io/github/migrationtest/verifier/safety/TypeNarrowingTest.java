package io.github.migrationtest.verifier.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which type changes (as format_type spells the types) can lose or reject values. */
class TypeNarrowingTest {

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource(delimiter = ';', value = {
            "character varying(50); character varying(20); true",
            "character varying(50); character varying(100); false",
            "character varying(50); text; false",
            "text; character varying(255); true",
            "text; integer; true",
            "integer; text; false",
            "integer; character varying(5); true",
            // Found on a real Flyway history: a bounded string long enough for every value's text keeps them all.
            "integer; character varying(11); false",
            "integer; character varying(10); true",
            "bigint; character varying(36); false",
            "bigint; character varying(19); true",
            "smallint; character(6); false",
            "uuid; character varying(36); false",
            "uuid; character varying(32); true",
            "boolean; character varying(5); false",
            "boolean; character varying(4); true",
            "numeric(5,2); character varying(7); false",
            "numeric(5,2); character varying(6); true",
            "numeric(2,2); character varying(5); false",
            "numeric(2,2); character varying(4); true",
            "numeric(8,0); character varying(9); false",
            "numeric; character varying(100); true",
            "date; character varying(100); true",
            "bigint; integer; true",
            "integer; bigint; false",
            "smallint; integer; false",
            "integer; numeric(12,2); false",
            "bigint; numeric(12,2); true",
            "numeric(12,2); numeric(12,4); true",
            "numeric(12,2); numeric(14,2); false",
            "numeric(12,4); numeric(12,2); true",
            "numeric; numeric(10,2); true",
            "numeric(10,2); integer; true",
            "double precision; real; true",
            "real; double precision; false",
            "timestamp with time zone; date; true",
            "timestamp(6) without time zone; timestamp(3) without time zone; true",
            "timestamp without time zone; timestamp with time zone; false",
            "date; timestamp without time zone; false",
            "integer[]; bigint[]; false",
            "character varying(9)[]; character varying(3)[]; true",
            "uuid; uuid; false",
            "uuid; text; false",
            "text; uuid; true",
            // Unbounded string types hold every string (citext qualified by its extension's schema, as format_type
            // spells it with only pg_catalog on the search path); a bounded one does not.
            "character varying(50); public.citext; false",
            "character(10); text; false",
            "character varying; text; false",
            "text; character varying; false",
            "text; public.citext; false",
            "public.citext; text; false",
            "character varying(50); extensions.citext; false",
            "public.citext; character varying(50); true",
            "public.citext; integer; true",
            "public.citext[]; text[]; false",
            "text[]; public.citext[]; false",
            // jsonb's text is valid json, and json's text is text; json -> jsonb rejects \u0000 and drops duplicate keys.
            "jsonb; json; false",
            "json; text; false",
            "jsonb; text; false",
            "jsonb; public.citext; false",
            "json; jsonb; true",
            "text; json; true",
            "text; jsonb; true",
            "jsonb; character varying(20); true",
            "json; integer; true",
            "public.email; text; false",
            "text; public.email; true"})
    void narrows(String from, String to, boolean expected) {
        assertThat(TypeNarrowing.narrows(from, to)).isEqualTo(expected);
    }

    /** An enum whose longest label, RECORD_IP, is 9 characters (ihatemoney's project mode). */
    private static final List<String> LABELS = List.of("DISABLED", "ENABLED", "RECORD_IP");

    @ParameterizedTest(name = "enum {0} -> {1}: {2}")
    @CsvSource(delimiter = ';', value = {
            "public.mode; character varying(9); false",
            "public.mode; character varying(50); false",
            "public.mode; character(9); false",
            "public.mode; text; false",
            "public.mode; character varying; false",
            "public.mode; public.citext; false",
            "public.mode; character varying(8); true",
            "public.mode; character(8); true",
            "public.mode[]; character varying(9)[]; false",
            "public.mode[]; character varying(8)[]; true",
            // Not a string type, or an array's text form into a scalar: the labels do not decide it.
            "public.mode; integer; true",
            "public.mode; public.other_mode; true",
            "public.mode[]; character varying(9); true",
            "public.mode[]; text; false"})
    void narrows_from_an_enum_by_its_labels(String from, String to, boolean expected) {
        assertThat(TypeNarrowing.narrows(from, LABELS, to)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "label {0} into varchar(3) is too long: {1}")
    @CsvSource(delimiter = ';', value = {"abc; false", "äöü; false", "😀😀😀; false", "abcd; true"})
    void counts_characters_not_bytes_or_utf16_units(String label, boolean tooLong) {
        assertThat(TypeNarrowing.narrows("public.e", List.of(label), "character varying(3)")).isEqualTo(tooLong);
    }

    @Test
    void names_the_labels_that_do_not_fit() {
        assertThat(TypeNarrowing.tooLong("public.mode", LABELS, "character varying(7)"))
                .containsExactly("DISABLED", "RECORD_IP");
        assertThat(TypeNarrowing.tooLong("public.mode", LABELS, "text")).isEmpty();
    }
}
