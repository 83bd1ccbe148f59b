package io.github.migrationtest.junit.assertions;

import io.github.migrationtest.verifier.snapshot.SchemaSnapshot;
import java.util.function.Function;
import org.assertj.core.api.SoftAssertionsProvider;
import org.assertj.core.presentation.Representation;

/**
 * Makes the assert for an object navigated to, hard or soft as its parent. AssertJ's soft proxies
 * collect the errors of an assert's own methods, but a child assert made by {@code new} would fail
 * hard, and a navigation that failed inside a proxy would hand back {@code null}. So in soft mode
 * a child is made through {@link SoftAssertionsProvider#proxy}, and a navigation to a missing
 * object records its error itself and hands back an "absent" child whose checks do nothing, so
 * that one missing table is one error, not one per check below it.
 */
final class Navigation {

    static final Navigation HARD = new Navigation(null);

    private final SoftAssertionsProvider softly;

    Navigation(SoftAssertionsProvider softly) {
        this.softly = softly;
    }

    <A extends NavigableAssert<A, T>, T> A to(Class<A> type, Class<T> actualType, Function<T, A> constructor,
            Found<T> found, SchemaSnapshot snapshot, NavigableAssert<?, ?> parent, Representation representation) {
        boolean absent = found == null || found.object() == null;
        if (found != null && found.object() == null) {
            AssertionError error = found.error(representation);
            if (softly == null) {
                throw error;
            }
            softly.collectAssertionError(error);
        }
        T actual = absent ? null : found.object();
        A child = softly == null ? constructor.apply(actual) : softly.proxy(type, actualType, actual);
        child.attach(this, snapshot, parent, absent);
        return child;
    }
}
