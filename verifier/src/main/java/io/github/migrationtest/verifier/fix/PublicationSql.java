package io.github.migrationtest.verifier.fix;

import io.github.migrationtest.verifier.snapshot.Publication;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Publications: created once their tables and columns are there, dropped before anything else; the tables, schemas and
 * options they publish changed in place with {@code ALTER PUBLICATION ... SET}. Only {@code FOR ALL TABLES}, which
 * nothing alters, or a publication left with nothing to publish, is dropped and created.
 */
final class PublicationSql implements ObjectSql<Publication> {

    @Override
    public void create(Publication publication, Plan plan) {
        List<String> options = options(publication, !Publication.ALL_CHANGES.equals(publication.publishedChanges()),
                publication.viaRoot());
        plan.add(Phase.ANNOTATE, "CREATE PUBLICATION " + Targets.name(publication)
                + (publication.allTables() ? " FOR ALL TABLES" : objects(publication).map(o -> " FOR " + o).orElse(""))
                + (options.isEmpty() ? "" : " WITH (" + String.join(", ", options) + ")"));
        Annotations.created(publication, Phase.ANNOTATE, plan);
    }

    @Override
    public void drop(Publication publication, Plan plan) {
        plan.add(Phase.SETUP, Targets.drop(publication));
    }

    @Override
    public void alter(Publication from, Publication to, Pending changed, Plan plan) {
        boolean listed = changed.has("tables") || changed.has("schemas");
        if (replaceIfChanged(from, to, changed, plan, "all tables")
                || listed && objects(to).isEmpty() && replaceIfChanged(from, to, changed, plan, "tables", "schemas")) {
            return;
        }
        if (listed) {
            changed.take("tables");
            changed.take("schemas");
            plan.add(Phase.ANNOTATE, "ALTER PUBLICATION " + Targets.name(to) + " SET " + objects(to).orElseThrow());
        }
        List<String> options = options(to, changed.take("publish"), changed.take("via partition root"));
        if (!options.isEmpty()) {
            plan.add(Phase.ANNOTATE, "ALTER PUBLICATION " + Targets.name(to) + " SET (" + String.join(", ", options) + ")");
        }
    }

    /** What it publishes as {@code FOR} and {@code SET} name it: {@code TABLE a, b (id), TABLES IN SCHEMA s}. */
    private static Optional<String> objects(Publication publication) {
        List<String> parts = new ArrayList<>();
        if (publication.tables() != null) {
            parts.add("TABLE " + publication.tables());
        }
        if (publication.schemas() != null) {
            parts.add("TABLES IN SCHEMA " + publication.schemas());
        }
        return parts.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", parts));
    }

    private static List<String> options(Publication publication, boolean publish, boolean viaRoot) {
        List<String> options = new ArrayList<>();
        if (publish) {
            options.add("publish = " + Sql.literal(publication.publishedChanges()));
        }
        if (viaRoot) {
            options.add("publish_via_partition_root = " + publication.viaRoot());
        }
        return options;
    }
}
