package io.github.migrationtest.verifier.fix;

import io.github.migrationtest.verifier.snapshot.Routine;
import io.github.migrationtest.verifier.snapshot.SchemaSnapshot;
import io.github.migrationtest.verifier.snapshot.View;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which definitions name which objects. The snapshot is read with only {@code pg_catalog} on the
 * search path, so Postgres writes every user object in a definition schema-qualified and quoted the
 * way {@link Sql#name} quotes: finding that text is finding the reference, short of a parser.
 */
final class Mentions {
    private Mentions() {
    }

    /** Whether {@code text} holds {@code name} as a whole name, not as the start of a longer one. */
    static boolean mentions(String text, String name) {
        for (int at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
            int end = at + name.length();
            boolean startsClean = at == 0 || !continuesName(text.charAt(at - 1)) && text.charAt(at - 1) != '.';
            boolean endsClean = end == text.length() || !continuesName(text.charAt(end));
            if (startsClean && endsClean) {
                return true;
            }
        }
        return false;
    }

    private static boolean continuesName(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '"';
    }

    /**
     * How many layers deep each view of the snapshot, and each routine tied to views ({@code RETURNS SETOF a_view}),
     * stacks on the others: 0 for a view that reads none. A routine tied to a view is one deeper than it, and a view
     * that calls such a routine one deeper again (view, function, view: drops go deepest first, creations shallowest
     * first). Computed once for all, as a depth is reached through the depths of what it reads; keyed by path.
     */
    static Map<String, Integer> depths(SchemaSnapshot snapshot) {
        List<View> views = snapshot.objects(View.class);
        List<Layer> layers = new ArrayList<>();
        views.forEach(view -> layers.add(new Layer(view.path(), view.definition(), Targets.name(view))));
        for (Routine routine : snapshot.objects(Routine.class)) {
            String named = RoutineSql.relationText(routine);
            if (views.stream().anyMatch(view -> mentions(named, Targets.name(view)))) {
                layers.add(new Layer(routine.path(), named, Sql.name(routine.schema(), routine.name())));
            }
        }
        Map<String, Integer> depths = new HashMap<>();
        layers.forEach(layer -> depth(layer, layers, depths, new HashSet<>()));
        return depths;
    }

    /** A view or a routine tied to views: what it reads, and the name others call or read it by. */
    private record Layer(String path, String reads, String name) {}

    private static int depth(Layer layer, List<Layer> layers, Map<String, Integer> depths, Set<String> visiting) {
        Integer known = depths.get(layer.path());
        if (known != null) {
            return known;
        }
        if (!visiting.add(layer.path())) {
            return 0; // Postgres allows no cycles; this only guards against a misread name
        }
        int deepest = 0;
        for (Layer other : layers) {
            if (other != layer && mentions(layer.reads(), other.name())) {
                deepest = Math.max(deepest, 1 + depth(other, layers, depths, visiting));
            }
        }
        visiting.remove(layer.path());
        depths.put(layer.path(), deepest);
        return deepest;
    }
}
