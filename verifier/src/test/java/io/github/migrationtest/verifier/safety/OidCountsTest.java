package io.github.migrationtest.verifier.safety;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The start read's lists, as Postgres's string_agg gives them (in no order), looked up by oid. */
class OidCountsTest {

    @Test
    void looksUpPairsInAnyOrder() {
        OidCounts scans = OidCounts.ofPairs("16390:3,16384:1,40000:12");
        assertThat(scans.of(16384)).isEqualTo(1);
        assertThat(scans.of(16390)).isEqualTo(3);
        assertThat(scans.of(40000)).isEqualTo(12);
        assertThat(scans.of(16385)).isZero();
    }

    @Test
    void countsOccurrences() {
        OidCounts indexes = OidCounts.ofOccurrences("16400,16384,16400,16390,16400");
        assertThat(indexes.of(16400)).isEqualTo(3);
        assertThat(indexes.of(16384)).isEqualTo(1);
        assertThat(indexes.of(16390)).isEqualTo(1);
        assertThat(indexes.of(16399)).isZero();
        assertThat(indexes.of(16401)).isZero();
    }

    @Test
    void anEmptyOrNullListHasNothing() {
        assertThat(OidCounts.ofPairs(null).of(16384)).isZero();
        assertThat(OidCounts.ofOccurrences("").of(16384)).isZero();
    }
}
