package io.github.migrationtest.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.migrationtest.verifier.WalkPlan.Part;
import java.util.Arrays;
import io.github.migrationtest.verifier.source.Revision;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** How a walk is split into parts: every revision once, and each database's work about the same. */
class WalkPlanTest {

    private static double[] roundTrips(int count) {
        double[] costs = new double[count];
        Arrays.fill(costs, 1.0);
        return costs;
    }

    /** What a part's database does: the upgrades to its start, then its own revisions. */
    private static double cost(Part part, double[] costs, double upgrade) {
        return upgrade * part.from() + Arrays.stream(costs, part.from(), part.to()).sum();
    }

    @Test
    void parts_cover_every_revision_once_and_a_later_part_is_shorter_by_the_upgrades_to_its_start() {
        double[] costs = roundTrips(200);
        List<Part> parts = WalkPlan.split(costs, 0.1, 2).parts();

        assertThat(parts).hasSize(2);
        assertThat(parts.get(0).from()).isZero();
        assertThat(parts.get(0).to()).isEqualTo(parts.get(1).from());
        assertThat(parts.get(1).to()).isEqualTo(200);
        // 105 + 95 (plus 10.5 for the upgrades to 105): the least largest part there is.
        assertThat(parts.get(1).from()).isEqualTo(105);
        assertThat(Math.abs(cost(parts.get(0), costs, 0.1) - cost(parts.get(1), costs, 0.1))).isLessThanOrEqualTo(1.1);
    }

    @Test
    void revisions_that_are_not_round_tripped_weigh_less_so_their_part_holds_more_of_them() {
        double[] costs = roundTrips(100);
        Arrays.fill(costs, 0, 50, 0.25); // below the floor: upgraded and snapshotted only
        List<Part> parts = WalkPlan.split(costs, 0.1, 2).parts();

        assertThat(parts.get(1).from()).isGreaterThan(50);
        double largest = parts.stream().mapToDouble(p -> cost(p, costs, 0.1)).max().orElseThrow();
        double smallest = parts.stream().mapToDouble(p -> cost(p, costs, 0.1)).min().orElseThrow();
        assertThat(largest - smallest).isLessThanOrEqualTo(1.1);
    }

    @Test
    void a_part_that_would_not_make_the_walk_shorter_is_not_made() {
        // Upgrades as dear as round trips: a second database would only repeat the first's work.
        assertThat(WalkPlan.split(roundTrips(10), 1.0, 4).parts()).containsExactly(new Part(0, 10));
        assertThat(WalkPlan.split(new double[0], 0.1, 4).parts()).containsExactly(new Part(0, 0));
    }

    @Test
    void a_history_with_a_server_wide_change_is_walked_on_one_database_unless_more_are_asked_for_by_number() {
        List<Revision> revisions = IntStream.rangeClosed(1, 100)
                .mapToObj(i -> Revision.reversible(String.valueOf(i), "r" + i, List.of("r" + i + ".sql"))).toList();
        RevisionPolicy policy = new RevisionPolicy(revisions, VerifierOptions.defaults());
        Optional<String> role = Optional.of("V5__roles.sql:3: CREATE ROLE");

        WalkPlan chosen = WalkPlan.of(revisions, policy, VerifierOptions.defaults(), role, 4, false);
        assertThat(chosen.parts()).containsExactly(new Part(0, 100));
        assertThat(chosen.note()).isEqualTo("walking on one database, since V5__roles.sql:3: CREATE ROLE changes what"
                + " all databases of the server share");

        assertThat(WalkPlan.of(revisions, policy, VerifierOptions.defaults().withJobs(3), role, 4, false).parts()).hasSize(3);
        assertThat(WalkPlan.of(revisions, policy, VerifierOptions.defaults(), Optional.empty(), 4, false).parts()).hasSize(4);
        // One database would be chosen anyway: nothing to say.
        assertThat(WalkPlan.of(revisions, policy, VerifierOptions.defaults(), role, 1, false).note()).isEmpty();
    }

    @Test
    void a_history_with_a_server_wide_change_walks_in_parts_on_servers_of_their_own_where_twins_can_start() {
        List<Revision> revisions = history(WalkPlan.MIN_REVISIONS_FOR_OWN_SERVERS);
        RevisionPolicy policy = new RevisionPolicy(revisions, VerifierOptions.defaults());
        Optional<String> role = Optional.of("V5__roles.sql:3: CREATE ROLE");

        WalkPlan chosen = WalkPlan.of(revisions, policy, VerifierOptions.defaults(), role, 2, true);
        assertThat(chosen.parts()).hasSize(2);
        assertThat(chosen.serverPerPart()).isTrue();
        assertThat(chosen.note()).isEqualTo("each part but the last on a server of its own, since"
                + " V5__roles.sql:3: CREATE ROLE changes what all databases of a server share");
        // Asked for by number: twins however short the history.
        List<Revision> shorter = history(WalkPlan.MIN_REVISIONS_FOR_OWN_SERVERS - 1);
        RevisionPolicy shorterPolicy = new RevisionPolicy(shorter, VerifierOptions.defaults());
        assertThat(WalkPlan.of(shorter, shorterPolicy, VerifierOptions.defaults().withJobs(2), role, 2, true).serverPerPart()).isTrue();
        // By default a shorter history does not win back a twin's start.
        WalkPlan oneDatabase = WalkPlan.of(shorter, shorterPolicy, VerifierOptions.defaults(), role, 2, true);
        assertThat(oneDatabase.parts()).hasSize(1);
        assertThat(oneDatabase.serverPerPart()).isFalse();
        // Without a server-wide change, parts share the server.
        assertThat(WalkPlan.of(revisions, policy, VerifierOptions.defaults(), Optional.empty(), 2, true).serverPerPart()).isFalse();
        // One part needs no twin.
        assertThat(WalkPlan.of(revisions, policy, VerifierOptions.defaults().withJobs(1), role, 2, true).serverPerPart()).isFalse();
    }

    private static List<Revision> history(int size) {
        return IntStream.rangeClosed(1, size)
                .mapToObj(i -> Revision.reversible(String.valueOf(i), "r" + i, List.of("r" + i + ".sql"))).toList();
    }

    @Test
    void floor_and_skipped_revisions_weigh_less_in_the_split() {
        List<Revision> revisions = IntStream.rangeClosed(1, 100)
                .mapToObj(i -> Revision.reversible(String.valueOf(i), "r" + i, List.of("r" + i + ".sql"))).toList();
        VerifierOptions options = VerifierOptions.defaults().withFloor("50").withJobs(2);
        List<Part> parts = WalkPlan.of(revisions, new RevisionPolicy(revisions, options), options, Optional.empty(), 2, false).parts();

        assertThat(parts).hasSize(2);
        assertThat(parts.get(1).from()).isGreaterThan(55);

        VerifierOptions skipped = VerifierOptions.defaults().withJobs(2)
                .withSkipped(IntStream.rangeClosed(1, 49).mapToObj(String::valueOf).collect(java.util.stream.Collectors.toSet()));
        assertThat(WalkPlan.of(revisions, new RevisionPolicy(revisions, skipped), skipped, Optional.empty(), 2, false).parts())
                .as("revisions skipped by configuration weigh as those below the floor").isEqualTo(parts);
    }

    @Test
    void jobs_asked_for_by_number_are_kept_up_to_one_per_revision_and_chosen_ones_follow_processors_and_length() {
        assertThat(WalkPlan.jobs(3, 200, 2)).isEqualTo(3);
        assertThat(WalkPlan.jobs(8, 5, 2)).isEqualTo(5);
        assertThat(WalkPlan.jobs(VerifierOptions.AUTO_JOBS, 200, 2)).isEqualTo(2);
        assertThat(WalkPlan.jobs(VerifierOptions.AUTO_JOBS, 200, 16)).isEqualTo(WalkPlan.MAX_AUTO_JOBS);
        assertThat(WalkPlan.jobs(VerifierOptions.AUTO_JOBS, 60, 16)).isEqualTo(3);
        assertThat(WalkPlan.jobs(VerifierOptions.AUTO_JOBS, 40, 16)).isEqualTo(2);
        assertThat(WalkPlan.jobs(VerifierOptions.AUTO_JOBS, 39, 16)).isEqualTo(1);
        assertThat(WalkPlan.jobs(VerifierOptions.AUTO_JOBS, 7, 16)).isEqualTo(1);
        assertThat(WalkPlan.jobs(VerifierOptions.AUTO_JOBS, 0, 16)).isEqualTo(1);
    }
}
