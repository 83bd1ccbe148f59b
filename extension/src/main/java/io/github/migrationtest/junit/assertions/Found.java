package io.github.migrationtest.junit.assertions;

import org.assertj.core.description.TextDescription;
import org.assertj.core.error.ErrorMessageFactory;
import org.assertj.core.presentation.Representation;

/**
 * What looking up an object by name gave: the object, or the path it would have and why it is not
 * there (missing, ambiguous, of another kind).
 */
record Found<T>(T object, String path, ErrorMessageFactory problem) {

    static <T> Found<T> of(T object, String path) {
        return new Found<>(object, path, null);
    }

    static <T> Found<T> none(String path, ErrorMessageFactory problem) {
        return new Found<>(null, path, problem);
    }

    /** The problem as an assertion error whose message starts with the path. */
    AssertionError error(Representation representation) {
        return new AssertionError(problem.create(new TextDescription(path), representation));
    }
}
