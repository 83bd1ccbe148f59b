package io.github.migrationtest.verifier.live;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Where a live database stands against a migration history: the revision its tool recorded, what
 * is pending or unknown to the history, and whether its schema has drifted from that revision's (and
 * from the model's).
 *
 * @param live the live database, as {@link LiveDatabase#description()}
 * @param history the history's location
 * @param postgres the server the revision was built on
 * @param bookkeeping the tool's table it was read from: {@code public.schema_migrations (golang-migrate)}; empty when
 *     the live database has none
 * @param revision the revision compared with (label), {@code base} when none is applied
 * @param atHead whether that revision is the history's last
 * @param pending revisions the history has that were never applied (labels, history order)
 * @param skipped those of {@code pending} that come before {@code revision}: applied out of order or skipped
 * @param unknown applied versions the history does not have
 * @param failed versions the table records as failed half way (golang-migrate's dirty, Flyway's success = false)
 * @param notes what else was found: several heads, another tool's table
 * @param drift the live schema against {@code revision}'s; without a table, against the nearest revision's
 * @param model the live schema against the model's, when one was given
 * @param took how long the status took
 */
public record LiveStatus(String live, String history, String postgres, Optional<String> bookkeeping, String revision,
                         boolean atHead, List<String> pending, List<String> skipped, List<String> unknown,
                         List<String> failed, List<String> notes, Comparison drift, Optional<Comparison> model, Duration took) {

    public LiveStatus {
        pending = List.copyOf(pending);
        skipped = List.copyOf(skipped);
        unknown = List.copyOf(unknown);
        failed = List.copyOf(failed);
        notes = List.copyOf(notes);
    }

    /** Whether the live database has a table of applied versions this history's tool keeps. */
    public boolean bookkept() {
        return bookkeeping.isPresent();
    }

    /** Revisions of the history are not applied. */
    public boolean behind() {
        return !pending.isEmpty();
    }

    /** The schema differs from its revision's, or from the model's. */
    public boolean drifted() {
        return drift.differs() || model.map(Comparison::differs).orElse(false);
    }

    /** Recorded at head, nothing unknown, failed or dirty, and the schema is that revision's (and the model's). */
    public boolean inSync() {
        return bookkept() && !behind() && unknown.isEmpty() && failed.isEmpty() && !drifted();
    }

    /** In one line: {@code in sync at 0002 (name index)}, {@code behind by 1 and drifted}. */
    public String verdict() {
        if (inSync()) {
            return "in sync at " + revision;
        }
        if (!bookkept()) {
            return "no table of applied versions; nearest revision " + revision
                    + (drift.differs() ? ", with differences" : ", no differences");
        }
        StringBuilder verdict = new StringBuilder("at " + revision);
        if (behind()) {
            verdict.append(", behind by ").append(pending.size());
        }
        if (!unknown.isEmpty()) {
            verdict.append(", ").append(unknown.size()).append(" applied version").append(unknown.size() == 1 ? "" : "s")
                    .append(" the history does not have");
        }
        if (!failed.isEmpty()) {
            verdict.append(", a failed migration recorded");
        }
        if (drift.differs()) {
            verdict.append(", drifted from ").append(revision);
        }
        if (model.map(Comparison::differs).orElse(false)) {
            verdict.append(", differs from the model");
        }
        return verdict.toString();
    }

}
