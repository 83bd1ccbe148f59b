package io.github.migrationtest.junit.assertions;

import static io.github.migrationtest.junit.assertions.error.ShouldBe.shouldBe;
import static io.github.migrationtest.junit.assertions.error.ShouldHaveValue.shouldHaveValue;

import io.github.migrationtest.verifier.snapshot.SchemaObject;
import io.github.migrationtest.verifier.snapshot.SchemaSnapshot;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.description.TextDescription;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * Base of the schema asserts: knows the snapshot it came from, the assert it was navigated from,
 * and whether it stands for an object that was missing (in soft mode, where its checks then do
 * nothing since the missing object was reported already). Messages start with the object's path.
 *
 * @param <SELF> the assert's own type
 * @param <ACTUAL> what it asserts on
 */
public abstract class NavigableAssert<SELF extends NavigableAssert<SELF, ACTUAL>, ACTUAL> extends AbstractAssert<SELF, ACTUAL> {

    private Navigation navigation = Navigation.HARD;
    private SchemaSnapshot snapshot;
    private NavigableAssert<?, ?> parent;
    private boolean absent;

    protected NavigableAssert(ACTUAL actual, Class<?> selfType) {
        super(actual, selfType);
        if (actual instanceof SchemaObject object) {
            // Directly on the info: a soft proxy is not set up yet while its constructor runs.
            info.description(new TextDescription(object.path()));
        }
    }

    final void attach(Navigation navigation, SchemaSnapshot snapshot, NavigableAssert<?, ?> parent, boolean absent) {
        this.navigation = navigation;
        this.snapshot = snapshot;
        this.parent = parent;
        this.absent = absent;
    }

    final Navigation navigation() {
        return navigation;
    }

    final void navigation(Navigation value) {
        this.navigation = value;
    }

    /** Whether this stands for an object that was not found (soft mode): its checks pass silently. */
    final boolean absent() {
        return absent;
    }

    final SchemaSnapshot snapshot() {
        if (snapshot != null) {
            return snapshot;
        }
        if (actual instanceof SchemaSnapshot root) {
            return root;
        }
        throw new IllegalStateException("This assert was not reached from MigrationAssertions.assertThat(snapshot), "
                + "so it cannot navigate: start there");
    }

    final <P extends NavigableAssert<P, ?>> P parent(Class<P> type) {
        if (parent == null) {
            throw new IllegalStateException("This assert was not reached by navigation, so there is nothing to return to");
        }
        return type.cast(parent);
    }

    /** The assert for an object found by {@code lookup}, or an absent one when this one is absent. */
    final <A extends NavigableAssert<A, T>, T> A navigate(Class<A> type, Class<T> actualType, Function<T, A> constructor,
            Supplier<Found<T>> lookup) {
        Found<T> found = absent ? null : lookup.get();
        return navigation.to(type, actualType, constructor, found, snapshot(), this, info.representation());
    }

    /** Fails with the message, and with both values for an IDE to compare. */
    final AssertionError failure(ErrorMessageFactory message, Object actualValue, Object expectedValue) {
        return failureWithActualExpected(actualValue, expectedValue, "%s",
                message.create(new TextDescription(""), info.representation()));
    }

    /** Fails with the message. */
    final void fail(ErrorMessageFactory message) {
        throwAssertionError(message);
    }

    /** The object {@code lookup} looks for exists; fails with what exists instead. */
    final SELF exists(Supplier<Found<?>> lookup) {
        if (!absent) {
            Found<?> found = lookup.get();
            if (found.object() == null) {
                throw found.error(info.representation());
            }
        }
        return myself;
    }

    /** A trait holds: {@code expected NOT NULL but the column is nullable}. */
    final SELF expect(Predicate<ACTUAL> holds, String expected, Function<ACTUAL, String> actually) {
        if (!absent && !holds.test(actual)) {
            fail(shouldBe(expected, actually.apply(actual)));
        }
        return myself;
    }

    /**
     * A property has the expected value, as {@code same} compares them:
     * {@code expected type text but was character varying(255)}, with both values for an IDE.
     */
    final SELF expectValue(String property, String expected, Function<ACTUAL, String> value,
            BiPredicate<String, String> same) {
        if (!absent) {
            String found = value.apply(actual);
            if (!same.test(expected, found)) {
                throw failure(shouldHaveValue(property, expected, found), found, expected);
            }
        }
        return myself;
    }
}
