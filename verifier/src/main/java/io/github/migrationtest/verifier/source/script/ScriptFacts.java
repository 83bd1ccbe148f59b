package io.github.migrationtest.verifier.source.script;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Function;

/**
 * What is learnt by reading a whole script, kept per script: a script run again (down, then up again) is read once
 * for it. Computed outside any lock, so concurrent steps of other scripts do not wait for a big one; a script no
 * longer used is forgotten with it.
 */
final class ScriptFacts<T> {

    private final Map<SqlScript, T> known = Collections.synchronizedMap(new WeakHashMap<>());
    private final Function<SqlScript, T> read;

    ScriptFacts(Function<SqlScript, T> read) {
        this.read = read;
    }

    T of(SqlScript script) {
        T fact = known.get(script);
        if (fact == null) {
            fact = read.apply(script);
            known.put(script, fact);
        }
        return fact;
    }
}
