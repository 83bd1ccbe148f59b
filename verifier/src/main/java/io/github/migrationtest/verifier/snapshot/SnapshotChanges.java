package io.github.migrationtest.verifier.snapshot;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The objects that differ from one snapshot to a later one, found without a map of either: both keep their objects
 * in canonical order, so one walk pairs each object with the one in its place, and a step's snapshots share the
 * objects it did not touch, so most pairs are the same object. An object whose place moved (a column's position)
 * is paired by path among the few left over. What a safety check of every step needs on a schema of thousands of
 * objects, where building both maps per step cost more than the check.
 */
public final class SnapshotChanges {

    /**
     * An object of the earlier snapshot and the later one at its path, which differs; {@code after} is null when gone.
     * {@code position} is the object's place in the earlier snapshot's canonical order.
     */
    public record Change(String path, SchemaObject before, SchemaObject after, int position) {
    }

    private final SchemaSnapshot later;
    private final List<Change> changes = new ArrayList<>();
    /** Objects of the earlier snapshot not found in their place (gone, or moved), with their position in it. */
    private final Map<String, Integer> leftBefore = new LinkedHashMap<>();
    /** Objects of the later snapshot not found in their place: new, or moved. */
    private final Map<String, SchemaObject> leftAfter = new HashMap<>();

    private SnapshotChanges(SchemaSnapshot later) {
        this.later = later;
    }

    /** What differs from {@code before} to {@code after}, in {@code before}'s canonical order. */
    public static SnapshotChanges between(SchemaSnapshot before, SchemaSnapshot after) {
        SnapshotChanges found = new SnapshotChanges(after);
        List<SchemaSnapshot.SortKey> a = before.keys();
        List<SchemaSnapshot.SortKey> b = after.keys();
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            SchemaSnapshot.SortKey x = i < a.size() ? a.get(i) : null;
            SchemaSnapshot.SortKey y = j < b.size() ? b.get(j) : null;
            if (x != null && y != null && x.object() == y.object()) {
                i++;
                j++;
                continue;
            }
            int order = x == null ? 1 : y == null ? -1 : x.compareTo(y);
            if (order == 0) {
                if (!x.object().equals(y.object())) {
                    found.changes.add(new Change(x.path(), x.object(), y.object(), i));
                }
                i++;
                j++;
            } else if (order < 0) {
                found.leftBefore.put(x.path(), i);
                i++;
            } else {
                found.leftAfter.put(y.path(), y.object());
                j++;
            }
        }
        found.leftBefore.forEach((path, position) -> {
            SchemaObject was = a.get(position).object();
            SchemaObject is = found.leftAfter.get(path);
            if (is == null || !is.equals(was)) {
                found.changes.add(new Change(path, was, is, position));
            }
        });
        found.changes.sort(Comparator.comparingInt(Change::position));
        return found;
    }

    /** The objects that differ, the gone ones with a null {@code after}. */
    public List<Change> changes() {
        return changes;
    }

    /** Whether an object of the earlier snapshot, at {@code earlierPath}, is in the later one too (in its place or moved). */
    public boolean keeps(String earlierPath) {
        return leftAfter.containsKey(earlierPath) || !leftBefore.containsKey(earlierPath);
    }

    /** Whether the later snapshot has an object at {@code path}. */
    public boolean inLater(String path) {
        if (leftAfter.containsKey(path)) {
            return true;
        }
        if (leftBefore.containsKey(path)) {
            return false; // in the earlier snapshot, and not in its place nor moved in the later one
        }
        // Paired in place (in both), or in neither: only the later snapshot's map can tell.
        return later.objectsByPath().containsKey(path);
    }
}
