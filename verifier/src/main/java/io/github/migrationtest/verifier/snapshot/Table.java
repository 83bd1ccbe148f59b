package io.github.migrationtest.verifier.snapshot;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A table, partitioned table or partition. Its columns, constraints, indexes, triggers and
 * policies are objects of their own that name it as their parent.
 */
public record Table(
        String schema,
        String name,
        boolean unlogged,
        String partitionKey,
        String partitionOf,
        String partitionBound,
        String inherits,
        boolean rowLevelSecurity,
        boolean forceRowLevelSecurity,
        String options,
        String comment,
        String grants,
        String replicaIdentity) implements SchemaMember {

    /** A table whose replica identity is the default (its primary key). */
    public Table(String schema, String name, boolean unlogged, String partitionKey, String partitionOf,
                 String partitionBound, String inherits, boolean rowLevelSecurity, boolean forceRowLevelSecurity,
                 String options, String comment, String grants) {
        this(schema, name, unlogged, partitionKey, partitionOf, partitionBound, inherits, rowLevelSecurity,
                forceRowLevelSecurity, options, comment, grants, null);
    }

    @Override
    public ObjectKind kind() {
        return ObjectKind.TABLE;
    }

    /** The qualified names of the tables this one is a partition or an inheritance child of. */
    public List<String> parents() {
        List<String> parents = new ArrayList<>();
        if (partitionOf != null) {
            parents.add(partitionOf);
        }
        if (inherits != null) {
            parents.addAll(List.of(inherits.split(", ")));
        }
        return parents;
    }

    /** Whether rows are routed to partitions ({@code PARTITION BY}). */
    public boolean partitioned() {
        return partitionKey != null;
    }

    @Override
    public Map<String, String> properties() {
        return new Props()
                .flag("unlogged", unlogged)
                .put("partition key", partitionKey)
                .put("partition of", partitionOf)
                .put("partition bound", partitionBound)
                .put("inherits", inherits)
                .flag("row level security", rowLevelSecurity)
                .flag("force row level security", forceRowLevelSecurity)
                .put("options", options)
                .put("comment", comment)
                .put("grants", grants)
                .put("replica identity", replicaIdentity)
                .build();
    }

    static Table read(Identifiers.Split name, PropertyReader p) {
        return new Table(name.part(0, "table"), name.part(1, "table"), p.flag("unlogged"), p.get("partition key"),
                p.get("partition of"), p.get("partition bound"), p.get("inherits"), p.flag("row level security"),
                p.flag("force row level security"), p.get("options"), p.get("comment"), p.get("grants"),
                p.get("replica identity"));
    }
}
