package io.github.migrationtest.junit.assertions;

import org.assertj.core.api.SoftAssertions;

/**
 * AssertJ's {@link SoftAssertions} plus {@code assertThat(SchemaSnapshot)}: every failed check,
 * across tables and columns, is reported together by {@link #assertAll()}. Works with AssertJ's
 * {@code SoftAssertionsExtension} and {@code assertSoftly(SchemaSoftAssertions.class, softly -> ...)}.
 */
public class SchemaSoftAssertions extends SoftAssertions implements SchemaSoftAssertionsProvider {
}
