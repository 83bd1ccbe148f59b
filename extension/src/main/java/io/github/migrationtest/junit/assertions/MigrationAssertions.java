package io.github.migrationtest.junit.assertions;

import io.github.migrationtest.verifier.live.LiveStatus;
import io.github.migrationtest.verifier.snapshot.SchemaSnapshot;
import org.assertj.core.annotation.CheckReturnValue;

/**
 * Entry point of the schema assertions:
 * {@code assertThat(schema).table("users").column("email").hasType("varchar(255)").isNotNull()}.
 * For soft assertions that keep going across navigation, use {@link SchemaSoftAssertions}.
 */
public final class MigrationAssertions {

    private MigrationAssertions() {
    }

    @CheckReturnValue
    public static SchemaAssert assertThat(SchemaSnapshot actual) {
        return new SchemaAssert(actual);
    }

    /** Assertions on a live database's status: {@code assertThat(LiveCheck.run(...)).isAtHead().hasNotDrifted()}. */
    @CheckReturnValue
    public static LiveStatusAssert assertThat(LiveStatus actual) {
        return new LiveStatusAssert(actual);
    }
}
