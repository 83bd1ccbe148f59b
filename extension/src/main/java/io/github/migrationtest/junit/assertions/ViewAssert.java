package io.github.migrationtest.junit.assertions;

import static io.github.migrationtest.junit.assertions.error.ShouldHaveValue.shouldContain;

import io.github.migrationtest.verifier.snapshot.View;

/** Assertions on a view or materialized view. */
public class ViewAssert extends NavigableAssert<ViewAssert, View> {

    public ViewAssert(View actual) {
        super(actual, ViewAssert.class);
    }

    public ViewAssert isMaterialized() {
        return expect(View::materialized, "a materialized view", v -> "it is a plain view");
    }

    public ViewAssert isNotMaterialized() {
        return expect(v -> !v.materialized(), "a plain view", v -> "it is a materialized view");
    }

    /**
     * The definition, as {@code pg_get_viewdef} writes it, contains this text; white space and
     * parentheses are not compared, since Postgres adds its own.
     */
    public ViewAssert hasDefinitionContaining(String text) {
        if (!absent() && !Definitions.bareExpression(actual.definition()).contains(Definitions.bareExpression(text))) {
            fail(shouldContain("definition", text, actual.definition()));
        }
        return myself;
    }

    /** Back to the schema this view was reached from. */
    public SchemaAssert returnToSchema() {
        return parent(SchemaAssert.class);
    }
}
