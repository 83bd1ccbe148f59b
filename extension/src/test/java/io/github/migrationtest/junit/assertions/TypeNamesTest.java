package io.github.migrationtest.junit.assertions;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TypeNamesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            varchar(255)            | character varying(255)
            VARCHAR( 255 )          | character varying(255)
            int                     | integer
            int8                    | bigint
            bigserial               | bigint
            bool                    | boolean
            float8                  | double precision
            decimal(12, 2)          | numeric(12,2)
            timestamptz             | timestamp with time zone
            timestamp               | timestamp without time zone
            timestamp(3)            | timestamp(3) without time zone
            timestamptz(3)          | timestamp(3) with time zone
            time with time zone     | time with time zone
            int[]                   | integer[]
            varchar(10)[3]          | character varying(10)[]
            character varying(255)  | character varying(255)
            """)
    void should_spell_aliases_as_format_type_does(String written, String canonical) {
        assertThat(TypeNames.canonical(written)).isEqualTo(canonical);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            mood          | public.mood        | true
            public.mood   | public.mood        | true
            audit.mood    | public.mood        | false
            text          | character varying  | false
            """)
    void should_match_an_unqualified_user_type_to_its_qualified_spelling(String expected, String actual, boolean same) {
        assertThat(TypeNames.same(expected, actual)).isEqualTo(same);
    }
}
