package io.github.migrationtest.junit.assertions;

import io.github.migrationtest.verifier.snapshot.Routine;
import java.util.Locale;

/** Assertions on a function or procedure. */
public class FunctionAssert extends NavigableAssert<FunctionAssert, Routine> {

    public FunctionAssert(Routine actual) {
        super(actual, FunctionAssert.class);
    }

    /** The result type, e.g. {@code bigint}, {@code trigger}, {@code SETOF public.users}. */
    public FunctionAssert returns(String type) {
        return expectValue("result", type, Routine::result, (wanted, found) -> found != null && TypeNames.same(wanted, found));
    }

    /** {@code sql}, {@code plpgsql}... */
    public FunctionAssert hasLanguage(String language) {
        return expectValue("language", language, Routine::language, String::equalsIgnoreCase);
    }

    /** {@code immutable}, {@code stable} or {@code volatile}. */
    public FunctionAssert hasVolatility(String volatility) {
        return expectValue("volatility", volatility,
                r -> r.volatility() == null ? "volatile" : r.volatility().toLowerCase(Locale.ROOT), String::equalsIgnoreCase);
    }

    public FunctionAssert isProcedure() {
        return expect(Routine::procedure, "a procedure", r -> "it is a function");
    }

    /** Back to the schema this function was reached from. */
    public SchemaAssert returnToSchema() {
        return parent(SchemaAssert.class);
    }
}
