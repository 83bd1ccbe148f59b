package io.github.migrationtest.verifier.fix;

import io.github.migrationtest.verifier.snapshot.Identifiers;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The changed properties of one object that no statement has dealt with yet. Each generator takes
 * the ones it writes SQL for; whatever is left is listed for people to do by hand, so a difference
 * is never dropped without a word.
 */
final class Pending {
    private final Set<String> left;

    Pending(Set<String> properties) {
        this.left = new LinkedHashSet<>(properties);
    }

    /** Whether {@code property} differs; if so it counts as dealt with from now on. */
    boolean take(String property) {
        return left.remove(property);
    }

    /** The differing properties that start with {@code prefix} ({@code constraint }, {@code attribute }), taken. */
    List<String> takeStartingWith(String prefix) {
        List<String> taken = left.stream().filter(p -> p.startsWith(prefix)).toList();
        taken.forEach(left::remove);
        return taken;
    }

    /** Whether {@code property} differs, without taking it. */
    boolean has(String property) {
        return left.contains(property);
    }

    /** Takes them all: the object is being replaced as a whole. */
    void takeAll() {
        left.clear();
    }

    /**
     * The name inside a named property ({@code constraint "Odd name"} names {@code Odd name}), looked up
     * among the names either side has.
     */
    static String nameIn(String property, String prefix, Map<String, String> from, Map<String, String> to) {
        String quoted = property.substring(prefix.length());
        return Stream.concat(from.keySet().stream(), to.keySet().stream())
                .filter(name -> Identifiers.quote(name).equals(quoted)).findFirst().orElseThrow();
    }

    List<String> remaining() {
        return List.copyOf(left);
    }
}
