package io.github.migrationtest.verifier.fix;

import io.github.migrationtest.verifier.snapshot.View;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Views and materialized views from {@code pg_get_viewdef}, with their columns' defaults and comments. A changed
 * definition is dropped and created rather than {@code CREATE OR REPLACE}d: the snapshot does not list a view's
 * columns, and replacing works only when they stay the same. The views that read a replaced view are rebuilt
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
        view.columnDefaults().forEach((column, value) -> setDefault(view, column, value, plan));
        view.columnComments().forEach((column, text) -> comment(view, column, text, plan));
        view.columnStatistics().forEach((column, target) -> statistics(view, column, target, plan));
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
        for (String column : changedColumns(from.columnDefaults(), to.columnDefaults(), View::columnDefaultProperty,
                changed)) {
            setDefault(to, column, to.columnDefaults().get(column), plan);
        }
        for (String column : changedColumns(from.columnComments(), to.columnComments(), View::columnCommentProperty,
                changed)) {
            comment(to, column, to.columnComments().get(column), plan);
        }
        for (String column : changedColumns(from.columnStatistics(), to.columnStatistics(),
                View::columnStatisticsProperty, changed)) {
            statistics(to, column, to.columnStatistics().get(column), plan);
        }
    }

    /** Sets a materialized view column's statistics target, or puts the default back (-1) for {@code null}. */
    private static void statistics(View view, String column, String target, Plan plan) {
        plan.add(Phase.ANNOTATE, "ALTER " + Targets.keyword(view) + " " + Targets.name(view) + " ALTER COLUMN "
                + Sql.name(column) + " SET STATISTICS " + (target == null ? "-1" : target));
    }

    /** The columns whose property differs between the two, taken. */
    private static List<String> changedColumns(Map<String, String> from, Map<String, String> to,
                                               Function<String, String> property, Pending changed) {
        Set<String> columns = new LinkedHashSet<>(from.keySet());
        columns.addAll(to.keySet());
        return columns.stream().filter(column -> changed.take(property.apply(column))).toList();
    }

    /** Sets a column's default, or drops it for {@code null}. */
    private static void setDefault(View view, String column, String value, Plan plan) {
        plan.add(Phase.ANNOTATE, "ALTER VIEW " + Targets.name(view) + " ALTER COLUMN " + Sql.name(column)
                + (value == null ? " DROP DEFAULT" : " SET DEFAULT " + value));
    }

    /** Comments a column, or takes its comment away for {@code null}. */
    private static void comment(View view, String column, String text, Plan plan) {
        plan.add(Phase.ANNOTATE, "COMMENT ON COLUMN " + Targets.name(view) + "." + Sql.name(column) + " IS "
                + (text == null ? "NULL" : Sql.literal(text)));
    }

    /** The query without the semicolon {@code pg_get_viewdef} ends it with. */
    private static String query(View view) {
        String query = view.definition().stripTrailing();
        return query.endsWith(";") ? query.substring(0, query.length() - 1) : query;
    }
}
