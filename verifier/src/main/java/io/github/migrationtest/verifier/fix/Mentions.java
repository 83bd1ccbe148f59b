package io.github.migrationtest.verifier.fix;

import io.github.migrationtest.verifier.snapshot.SchemaSnapshot;
import io.github.migrationtest.verifier.snapshot.View;
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
     * How many views deep each view of the snapshot stacks on other views: 0 when it reads none.
     * Computed once for all views, as a view's depth is reached through the depths of those it reads.
     */
    static Map<String, Integer> depths(SchemaSnapshot snapshot) {
        List<View> views = snapshot.objects(View.class);
        Map<String, Integer> depths = new HashMap<>();
        views.forEach(view -> depth(view, views, depths, new HashSet<>()));
        return depths;
    }

    private static int depth(View view, List<View> views, Map<String, Integer> depths, Set<String> visiting) {
        Integer known = depths.get(view.path());
        if (known != null) {
            return known;
        }
        if (!visiting.add(view.path())) {
            return 0; // Postgres allows no cycles; this only guards against a misread name
        }
        int deepest = 0;
        for (View other : views) {
            if (other != view && mentions(view.definition(), Targets.name(other))) {
                deepest = Math.max(deepest, 1 + depth(other, views, depths, visiting));
            }
        }
        visiting.remove(view.path());
        depths.put(view.path(), deepest);
        return deepest;
    }
}
