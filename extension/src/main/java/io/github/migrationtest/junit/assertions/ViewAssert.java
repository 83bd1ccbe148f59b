package io.github.migrationtest.junit.assertions;

import static io.github.migrationtest.junit.assertions.error.ShouldBe.shouldBe;
import static io.github.migrationtest.junit.assertions.error.ShouldHaveValue.shouldContain;

import io.github.migrationtest.verifier.snapshot.View;

/** Assertions on a view or materialized view. */
public class ViewAssert extends NavigableAssert<ViewAssert, View> {

    public ViewAssert(View actual) {
        super(actual, ViewAssert.class);
    }

    public ViewAssert isMaterialized() {
        if (!absent() && !actual.materialized()) {
            fail(shouldBe("a materialized view", "it is a plain view"));
        }
        return myself;
    }

    public ViewAssert isNotMaterialized() {
        if (!absent() && actual.materialized()) {
            fail(shouldBe("a plain view", "it is a materialized view"));
        }
        return myself;
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
