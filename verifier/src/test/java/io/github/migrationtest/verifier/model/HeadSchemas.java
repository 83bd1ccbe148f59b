package io.github.migrationtest.verifier.model;

import static io.github.migrationtest.verifier.snapshot.SnapshotFixtures.column;
import static io.github.migrationtest.verifier.snapshot.SnapshotFixtures.table;

import io.github.migrationtest.verifier.snapshot.SchemaSnapshot;
import java.util.List;

/** Two schemas a head and a model may have: a users table, and the same with a column more. */
public final class HeadSchemas {

    public static final SchemaSnapshot USERS = SchemaSnapshot.of(List.of(
            table("public", "users"), column("public", "users", "id", 1, "integer")));
    public static final SchemaSnapshot USERS_WITH_NICKNAME = SchemaSnapshot.of(List.of(
            table("public", "users"), column("public", "users", "id", 1, "integer"),
            column("public", "users", "nickname", 2, "text")));

    private HeadSchemas() {
    }
}
