package io.github.migrationtest.verifier.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Which literals are the time of creation, for runs given by hand (Postgres' own output is in {@link TimeOfCreationTest}). */
class CreationTimesTest {

    /** A run in Berlin (UTC+1 in December) that crosses midnight there: 23:59:30 to 00:00:30. */
    private static final CreationTimes OVER_MIDNIGHT = new CreationTimes(Instant.parse("2026-12-03T22:59:30Z"),
            Instant.parse("2026-12-03T23:00:30Z"), ZoneId.of("Europe/Berlin"));

    @Test
    void a_timestamp_with_time_zone_in_the_run_is_now_whatever_offset_it_is_written_in() {
        assertThat(OVER_MIDNIGHT.normalise("(x > '2026-12-04 00:00:01.5+01'::timestamp with time zone)"))
                .isEqualTo("(x > 'now'::timestamp with time zone)");
        assertThat(OVER_MIDNIGHT.normalise("'2026-12-03 22:59:59.123456+00'::timestamp(3) with time zone"))
                .isEqualTo("'now'::timestamp(3) with time zone");
        assertThat(OVER_MIDNIGHT.normalise("'2026-12-04 04:30:00+05:30'::timestamp with time zone"))
                .isEqualTo("'now'::timestamp with time zone");
    }

    @Test
    void wall_clock_literals_are_read_in_the_sessions_zone() {
        assertThat(OVER_MIDNIGHT.normalise("'2026-12-03 23:59:45'::timestamp without time zone"))
                .isEqualTo("'now'::timestamp without time zone");
        assertThat(OVER_MIDNIGHT.normalise("'2026-12-03 22:59:45'::timestamp without time zone"))
                .as("the UTC wall clock is an hour off the session's").contains("22:59:45");
        assertThat(OVER_MIDNIGHT.normalise("(a = ANY (ARRAY['2026-12-03'::date, '2026-12-04'::date]))"))
                .isEqualTo("(a = ANY (ARRAY['now'::date, 'now'::date]))");
        assertThat(OVER_MIDNIGHT.normalise("'23:59:59'::time without time zone, '00:00:10.5'::time(1) without time zone"))
                .isEqualTo("'now'::time without time zone, 'now'::time(1) without time zone");
        assertThat(OVER_MIDNIGHT.normalise("'22:59:50+00'::time with time zone"))
                .isEqualTo("'now'::time with time zone");
    }

    @Test
    void literals_outside_the_run_stay_exact() {
        String outside = "'2026-12-02'::date, '2026-12-05'::date, '2026-12-04 00:00:31'::timestamp without time zone,"
                + " '2020-01-01 00:00:00+00'::timestamp with time zone, '12:00:00'::time without time zone,"
                + " '00:02:00+01'::time with time zone, 'infinity'::date, '2026-12-04 BC'::date";

        assertThat(OVER_MIDNIGHT.normalise(outside)).isEqualTo(outside);
    }

    @Test
    void text_and_other_types_are_never_the_time_of_creation() {
        String other = "'2026-12-04'::text, '2026-12-04'::character varying, '00:00:10'::interval,"
                + " ('now'::text)::date, now(), CURRENT_DATE, '{2026-12-04}'::date[]";

        assertThat(OVER_MIDNIGHT.normalise(other)).isEqualTo(other);
    }

    @Test
    void a_literal_of_the_wrong_shape_for_its_type_stays_exact() {
        String wrong = "'2026-12-04 00:00:10'::date, '2026-12-04'::timestamp without time zone,"
                + " '2026-12-04 00:00:10+01'::timestamp without time zone, '2026-12-04 00:00:10'::timestamp with time zone";

        assertThat(OVER_MIDNIGHT.normalise(wrong)).isEqualTo(wrong);
    }

    @Test
    void in_a_run_of_a_day_or_more_every_time_of_day_is_the_time_of_creation() {
        CreationTimes day = new CreationTimes(Instant.parse("2026-12-03T10:00:00Z"), Instant.parse("2026-12-04T10:00:00Z"),
                ZoneId.of("UTC"));

        assertThat(day.normalise("'03:00:00'::time without time zone")).isEqualTo("'now'::time without time zone");
        assertThat(day.normalise("'2026-12-04 10:00:01'::timestamp without time zone"))
                .isEqualTo("'2026-12-04 10:00:01'::timestamp without time zone");
    }
}
