package io.github.migrationtest.verifier.diff;

import io.github.migrationtest.verifier.snapshot.Constraint;
import io.github.migrationtest.verifier.snapshot.Index;
import io.github.migrationtest.verifier.snapshot.SchemaObject;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pairs the constraints and indexes that are missing under one name and unexpected under another
 * on the same table with the same definition ({@link DiffOptions.ConstraintNames#BY_DEFINITION}).
 * The actual side's objects are given their expected names, so the rest of the comparison sees
 * one object and compares it as usual; each pair is listed as a report-only {@link RenamedObject}.
 */
final class RenamePairing {
    /** {@code CREATE [UNIQUE] INDEX <name> ON ...}: the name, plain or quoted, as pg_get_indexdef writes it. */
    private static final Pattern INDEX_NAME =
            Pattern.compile("^(CREATE (?:UNIQUE )?INDEX )(U&\"(?:[^\"]|\"\")*\"|\"(?:[^\"]|\"\")*\"|\\S+)( ON )");

    /** The actual objects, renamed where paired, and the renames keyed by the expected path. */
    record Paired(Map<String, SchemaObject> actual, Map<String, RenamedObject> renames) {
    }

    /** Same table, same definition: what two differently named objects must share to be paired. */
    private record Key(String schema, String table, String definition) {
    }

    /** A constraint by its table and name. */
    private record ConstraintName(String schema, String table, String name) {
    }

    private final Map<String, SchemaObject> expected;
    private final Map<String, SchemaObject> actual;
    private final Map<String, RenamedObject> renames = new LinkedHashMap<>();
    private final Map<ConstraintName, String> constraintRenames = new HashMap<>();

    private RenamePairing(Map<String, SchemaObject> expected, Map<String, SchemaObject> actual) {
        this.expected = expected;
        this.actual = new LinkedHashMap<>(actual);
    }

    static Paired pair(Map<String, SchemaObject> expected, Map<String, SchemaObject> actual) {
        RenamePairing pairing = new RenamePairing(expected, actual);
        pairing.pairConstraints();
        pairing.followConstraints();
        pairing.pairIndexes();
        return new Paired(pairing.actual, pairing.renames);
    }

    private void pairConstraints() {
        pairs(Constraint.class, c -> new Key(c.schema(), c.table(), c.definition())).forEach((want, have) -> {
            constraintRenames.put(new ConstraintName(have.schema(), have.table(), have.name()), want.name());
            replace(have, new Constraint(have.schema(), have.table(), want.name(), have.definition(), have.comment()));
            renames.put(want.path(), renamed(want, want.name(), have.name()));
        });
    }

    /** Postgres names the index behind a constraint after it: the constraint's rename says it all. */
    private void followConstraints() {
        for (SchemaObject object : List.copyOf(actual.values())) {
            if (object instanceof Index index && index.constraint() != null) {
                String name = constraintRenames.get(new ConstraintName(index.schema(), index.table(), index.constraint()));
                Index follower = name == null ? null : new Index(index.schema(), name, index.table(), name, null,
                        index.clustered(), index.invalid(), index.comment());
                if (follower != null && !actual.containsKey(follower.path())) {
                    replace(index, follower);
                }
            }
        }
    }

    private void pairIndexes() {
        pairs(Index.class, i -> i.definition() == null ? null
                : new Key(i.schema(), i.table(), withName(i.definition(), ""))).forEach((want, have) -> {
            String definition = withName(have.definition(), Matcher.quoteReplacement(quotedName(want.definition())));
            replace(have, new Index(have.schema(), want.name(), have.table(), null, definition, have.clustered(),
                    have.invalid(), have.comment()));
            renames.put(want.path(), renamed(want, want.name(), have.name()));
        });
    }

    /**
     * Each expected object of a kind with no namesake on the actual side, paired with the first
     * such actual object of the same key; both in path order, so that the pairing is stable.
     */
    private <T extends SchemaObject> Map<T, T> pairs(Class<T> kind, Function<T, Key> key) {
        Map<Key, Deque<T>> candidates = new HashMap<>();
        for (T have : unmatched(actual, expected, kind)) {
            Key k = key.apply(have);
            if (k != null) {
                candidates.computeIfAbsent(k, x -> new ArrayDeque<>()).add(have);
            }
        }
        Map<T, T> pairs = new LinkedHashMap<>();
        for (T want : unmatched(expected, actual, kind)) {
            Key k = key.apply(want);
            Deque<T> have = k == null ? null : candidates.get(k);
            if (have != null && !have.isEmpty()) {
                pairs.put(want, have.poll());
            }
        }
        return pairs;
    }

    private static <T extends SchemaObject> List<T> unmatched(Map<String, SchemaObject> side,
            Map<String, SchemaObject> other, Class<T> kind) {
        return side.values().stream().filter(kind::isInstance).map(kind::cast)
                .filter(object -> !other.containsKey(object.path()))
                .sorted(Comparator.comparing(SchemaObject::path)).toList();
    }

    private void replace(SchemaObject old, SchemaObject renamed) {
        actual.remove(old.path());
        actual.put(renamed.path(), renamed);
    }

    private static RenamedObject renamed(SchemaObject want, String expectedName, String actualName) {
        return new RenamedObject(want.path(), want.kind(), expectedName, actualName, SchemaDiff.group(want), true);
    }

    private static String withName(String indexDefinition, String replacement) {
        return INDEX_NAME.matcher(indexDefinition).replaceFirst("$1" + replacement + "$3");
    }

    private static String quotedName(String indexDefinition) {
        Matcher matcher = INDEX_NAME.matcher(indexDefinition);
        return matcher.find() ? matcher.group(2) : "";
    }
}
