package io.github.migrationtest.verifier.fix;

import io.github.migrationtest.verifier.snapshot.View;

/**
 * Views and materialized views from {@code pg_get_viewdef}. A changed definition is dropped and
 * created rather than {@code CREATE OR REPLACE}d: the snapshot does not list a view's columns, and
 * replacing works only when they stay the same. The views that read a replaced view are rebuilt
 * with it (see {@link Changes}). A view is created after the views it reads and dropped before them.
 */
final class ViewSql implements ObjectSql<View> {

    @Override
    public void create(View view, Plan plan) {
        String options = view.options() == null ? "" : " WITH (" + view.options() + ")";
        plan.addRanked(Phase.CREATE_VIEW, plan.viewDepth(view, plan.to()),
                "CREATE " + Targets.keyword(view) + " " + Targets.name(view) + options + " AS\n" + query(view));
        // Not in CREATE_VIEW: there statements go by depth, and a comment must not overtake its view.
        Annotations.created(view, Phase.ANNOTATE, plan);
    }

    @Override
    public void drop(View view, Plan plan) {
        plan.addRanked(Phase.DROP_VIEW, -plan.viewDepth(view, plan.from()), Targets.drop(view));
    }

    @Override
    public void alter(View from, View to, Pending changed, Plan plan) {
        if (replaceIfChanged(from, to, changed, plan, "definition")) {
            return;
        }
        if (changed.take("options")) {
            StorageOptions.change("ALTER " + Targets.keyword(to) + " " + Targets.name(to), from.options(),
                    to.options()).forEach(sql -> plan.add(Phase.ANNOTATE, sql));
        }
    }

    /** The query without the semicolon {@code pg_get_viewdef} ends it with. */
    private static String query(View view) {
        String query = view.definition().stripTrailing();
        return query.endsWith(";") ? query.substring(0, query.length() - 1) : query;
    }
}
