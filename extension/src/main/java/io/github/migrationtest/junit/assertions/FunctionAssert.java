package io.github.migrationtest.junit.assertions;

import static io.github.migrationtest.junit.assertions.error.ShouldBe.shouldBe;
import static io.github.migrationtest.junit.assertions.error.ShouldHaveValue.shouldHaveValue;

import io.github.migrationtest.verifier.snapshot.Routine;
import java.util.Locale;

/** Assertions on a function or procedure. */
public class FunctionAssert extends NavigableAssert<FunctionAssert, Routine> {

    public FunctionAssert(Routine actual) {
        super(actual, FunctionAssert.class);
    }

    /** The result type, e.g. {@code bigint}, {@code trigger}, {@code SETOF public.users}. */
    public FunctionAssert returns(String type) {
        if (!absent() && (actual.result() == null || !TypeNames.same(type, actual.result()))) {
            throw failure(shouldHaveValue("result", type, actual.result()), actual.result(), type);
        }
        return myself;
    }

    /** {@code sql}, {@code plpgsql}... */
    public FunctionAssert hasLanguage(String language) {
        if (!absent() && !actual.language().equalsIgnoreCase(language)) {
            throw failure(shouldHaveValue("language", language, actual.language()), actual.language(), language);
        }
        return myself;
    }

    /** {@code immutable}, {@code stable} or {@code volatile}. */
    public FunctionAssert hasVolatility(String volatility) {
        String found = actual == null || actual.volatility() == null ? "volatile" : actual.volatility().toLowerCase(Locale.ROOT);
        if (!absent() && !found.equals(volatility.toLowerCase(Locale.ROOT))) {
            throw failure(shouldHaveValue("volatility", volatility, found), found, volatility);
        }
        return myself;
    }

    public FunctionAssert isProcedure() {
        if (!absent() && !actual.procedure()) {
            fail(shouldBe("a procedure", "it is a function"));
        }
        return myself;
    }

    /** Back to the schema this function was reached from. */
    public SchemaAssert returnToSchema() {
        return parent(SchemaAssert.class);
    }
}
