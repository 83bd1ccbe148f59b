package io.github.migrationtest.verifier.snapshot;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A view or materialized view with its {@code pg_get_viewdef} definition; a matview's indexes are {@link Index}es.
 * Its columns are not listed (the definition gives them), but what a column can carry of its own is: a default ({@code
 * ALTER VIEW ... ALTER COLUMN ... SET DEFAULT}, for inserts through the view), a comment, and a materialized view's
 * column its statistics target ({@code ALTER MATERIALIZED VIEW ... ALTER COLUMN ... SET STATISTICS}), by column name.
 */
public record View(String schema, String name, boolean materialized, String definition, String options,
        Map<String, String> columnDefaults, String comment, Map<String, String> columnComments, String grants,
        Map<String, String> columnStatistics) implements SchemaMember {

    private static final String COLUMN_DEFAULT = "column default ";
    private static final String COLUMN_COMMENT = "column comment ";
    private static final String COLUMN_STATISTICS = "column statistics ";

    public View {
        columnDefaults = Collections.unmodifiableMap(new LinkedHashMap<>(columnDefaults));
        columnComments = Collections.unmodifiableMap(new LinkedHashMap<>(columnComments));
        columnStatistics = Collections.unmodifiableMap(new LinkedHashMap<>(columnStatistics));
    }

    /** A view none of whose columns has a statistics target of its own. */
    public View(String schema, String name, boolean materialized, String definition, String options,
                Map<String, String> columnDefaults, String comment, Map<String, String> columnComments, String grants) {
        this(schema, name, materialized, definition, options, columnDefaults, comment, columnComments, grants, Map.of());
    }

    /** A view none of whose columns has a default or a comment. */
    public View(String schema, String name, boolean materialized, String definition, String options, String comment,
                String grants) {
        this(schema, name, materialized, definition, options, Map.of(), comment, Map.of(), grants, Map.of());
    }

    @Override
    public ObjectKind kind() {
        return materialized ? ObjectKind.MATERIALIZED_VIEW : ObjectKind.VIEW;
    }

    @Override
    public Map<String, String> properties() {
        return new Props().put("definition", definition).put("options", options).putAll(COLUMN_DEFAULT, columnDefaults)
                .put("comment", comment).putAll(COLUMN_COMMENT, columnComments).putAll(COLUMN_STATISTICS, columnStatistics)
                .put("grants", grants).build();
    }

    /** The property that holds a column's default: {@code column default name}. */
    public static String columnDefaultProperty(String column) {
        return COLUMN_DEFAULT + Identifiers.quote(column);
    }

    /** The property that holds a column's comment: {@code column comment name}. */
    public static String columnCommentProperty(String column) {
        return COLUMN_COMMENT + Identifiers.quote(column);
    }

    /** The property that holds a materialized view column's statistics target: {@code column statistics name}. */
    public static String columnStatisticsProperty(String column) {
        return COLUMN_STATISTICS + Identifiers.quote(column);
    }

    static View read(Identifiers.Split name, boolean materialized, PropertyReader p) {
        return new View(name.part(0, "view"), name.part(1, "view"), materialized, p.require("definition"),
                p.get("options"), p.named(COLUMN_DEFAULT), p.get("comment"), p.named(COLUMN_COMMENT), p.get("grants"),
                p.named(COLUMN_STATISTICS));
    }
}
