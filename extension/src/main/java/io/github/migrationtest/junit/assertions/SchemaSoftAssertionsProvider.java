package io.github.migrationtest.junit.assertions;

import io.github.migrationtest.verifier.snapshot.SchemaSnapshot;
import org.assertj.core.api.SoftAssertionsProvider;

/**
 * Adds {@code assertThat(SchemaSnapshot)} to any soft assertions class, so that navigation
 * ({@code table(..)}, {@code column(..)}) keeps collecting errors instead of failing at the first.
 * {@link SchemaSoftAssertions} is one ready to use.
 */
public interface SchemaSoftAssertionsProvider extends SoftAssertionsProvider {

    default SchemaAssert assertThat(SchemaSnapshot actual) {
        SchemaAssert schema = proxy(SchemaAssert.class, SchemaSnapshot.class, actual);
        schema.navigation(new Navigation(this));
        return schema;
    }
}
