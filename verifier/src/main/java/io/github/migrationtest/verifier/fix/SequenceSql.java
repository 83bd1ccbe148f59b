package io.github.migrationtest.verifier.fix;

import io.github.migrationtest.verifier.snapshot.Column;
import io.github.migrationtest.verifier.snapshot.Sequence;
import java.util.ArrayList;
import java.util.List;

/**
 * Sequences with all their options, so both sides agree whatever the defaults. An identity column's
 * sequence is made and removed by the column ({@code GENERATED ... AS IDENTITY}); a sequence owned by
 * a column that is dropped goes with it.
 */
final class SequenceSql implements ObjectSql<Sequence> {

    @Override
    public void create(Sequence sequence, Plan plan) {
        if (sequence.identity()) {
            leaveToIdentityColumn(sequence, plan);
            return;
        }
        String options = options(sequence);
        plan.add(Phase.CREATE_SEQUENCE, "CREATE SEQUENCE " + Targets.name(sequence) + " AS " + sequence.type()
                + (options.isEmpty() ? "" : " " + options));
        if (sequence.ownedBy() != null) {
            plan.add(Phase.OWN_SEQUENCE, ownedBy(sequence, plan));
        }
        Annotations.created(sequence, Phase.CREATE_SEQUENCE, plan);
    }

    @Override
    public void drop(Sequence sequence, Plan plan) {
        if (sequence.identity()) {
            leaveToIdentityColumn(sequence, plan);
            return;
        }
        if (sequence.ownedBy() != null && goesWithOwner(sequence, plan)) {
            return;
        }
        plan.add(Phase.DROP_SEQUENCE, Targets.drop(sequence));
    }

    @Override
    public void alter(Sequence from, Sequence to, Pending changed, Plan plan) {
        if (replaceIfChanged(from, to, changed, plan, "identity")) {
            return; // a serial column's sequence became an identity's, or the reverse
        }
        List<String> options = new ArrayList<>();
        if (changed.take("type")) {
            options.add("AS " + to.type());
        }
        if (changed.take("start")) {
            options.add("START WITH " + to.start());
        }
        if (changed.take("increment")) {
            options.add("INCREMENT BY " + to.increment());
        }
        // Changing the type moves the bounds when they were the old type's; say them.
        if (changed.take("min") || options.contains("AS " + to.type())) {
            options.add("MINVALUE " + to.minValue());
        }
        if (changed.take("max") || options.contains("AS " + to.type())) {
            options.add("MAXVALUE " + to.maxValue());
        }
        if (changed.take("cache")) {
            options.add("CACHE " + to.cache());
        }
        if (changed.take("cycle")) {
            options.add(to.cycle() ? "CYCLE" : "NO CYCLE");
        }
        if (!options.isEmpty()) {
            boolean bounds = options.stream().anyMatch(o -> o.startsWith("MINVALUE") || o.startsWith("MAXVALUE"));
            plan.add(Phase.ALTER_SEQUENCE, bounds ? "fails if the sequence's current value lies outside the new"
                    + " bounds: then RESTART it within them" : null,
                    "ALTER SEQUENCE " + Targets.name(to) + " " + String.join(" ", options));
        }
        if (!to.identity() && changed.take("owned by")) {
            // Let go before the old owner column may be dropped (which would take the sequence along).
            plan.add(to.ownedBy() == null ? Phase.RELEASE : Phase.OWN_SEQUENCE, ownedBy(to, plan));
        }
    }

    /** The options of {@code GENERATED ... AS IDENTITY (...)}: the sequence's name and everything but its type. */
    static String identityOptions(Sequence sequence) {
        String options = options(sequence);
        return "SEQUENCE NAME " + Targets.name(sequence) + (options.isEmpty() ? "" : " " + options);
    }

    /** The options that differ from what Postgres would choose for the sequence's type and direction. */
    private static String options(Sequence sequence) {
        boolean ascending = sequence.increment() > 0;
        long min = ascending ? 1 : lowest(sequence.type());
        long max = ascending ? highest(sequence.type()) : -1;
        List<String> options = new ArrayList<>();
        if (sequence.start() != (ascending ? sequence.minValue() : sequence.maxValue())) {
            options.add("START WITH " + sequence.start());
        }
        if (sequence.increment() != 1) {
            options.add("INCREMENT BY " + sequence.increment());
        }
        if (sequence.minValue() != min) {
            options.add("MINVALUE " + sequence.minValue());
        }
        if (sequence.maxValue() != max) {
            options.add("MAXVALUE " + sequence.maxValue());
        }
        if (sequence.cache() != 1) {
            options.add("CACHE " + sequence.cache());
        }
        if (sequence.cycle()) {
            options.add("CYCLE");
        }
        return String.join(" ", options);
    }

    private static long highest(String type) {
        return switch (type) {
            case "smallint" -> Short.MAX_VALUE;
            case "integer" -> Integer.MAX_VALUE;
            default -> Long.MAX_VALUE;
        };
    }

    private static long lowest(String type) {
        return switch (type) {
            case "smallint" -> Short.MIN_VALUE;
            case "integer" -> Integer.MIN_VALUE;
            default -> Long.MIN_VALUE;
        };
    }

    private static String ownedBy(Sequence sequence, Plan plan) {
        String owner = sequence.ownedBy() == null ? "NONE"
                : plan.to().lookup(sequence.ownedBy()).map(Column.class::cast)
                        .map(c -> Sql.name(c.schema(), c.table(), c.name())).orElseThrow();
        return "ALTER SEQUENCE " + Targets.name(sequence) + " OWNED BY " + owner;
    }

    /** Whether the owning column is dropped (or its table), which drops the sequence too. */
    private static boolean goesWithOwner(Sequence sequence, Plan plan) {
        return plan.drops(sequence.ownedBy()) || plan.from().lookup(sequence.ownedBy())
                .map(plan::dropsParentOf).orElse(false);
    }

    /**
     * An identity sequence comes and goes with its column's identity; if the column keeps it, the
     * sequence only has another name on the other side.
     */
    private static void leaveToIdentityColumn(Sequence sequence, Plan plan) {
        if (!columnChanges(sequence, plan)) {
            plan.manual(sequence.path(), "an identity sequence under another name than the column's own;"
                    + " rename it by hand");
        }
    }

    /**
     * Whether the identity column behind the sequence is created, dropped, or gains or loses its
     * identity in this script, which is what makes and removes the sequence.
     */
    private static boolean columnChanges(Sequence sequence, Plan plan) {
        String column = sequence.ownedBy();
        if (column == null) {
            return false;
        }
        return plan.creates(column) || plan.drops(column) || plan.alters(column, "identity")
                || plan.from().lookup(column).or(() -> plan.to().lookup(column))
                        .map(c -> plan.creates(c.parentPath()) || plan.drops(c.parentPath())).orElse(false);
    }
}
