package io.github.migrationtest.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.github.migrationtest.verifier.diff.DiffOptions;
import io.github.migrationtest.verifier.diff.DiffResult;
import io.github.migrationtest.verifier.diff.Difference;
import io.github.migrationtest.verifier.diff.DifferenceKind;
import io.github.migrationtest.verifier.diff.MissingObject;
import io.github.migrationtest.verifier.diff.SchemaDiff;
import io.github.migrationtest.verifier.model.jpa.JpaModel;
import io.github.migrationtest.verifier.postgres.DisposableDatabase;
import io.github.migrationtest.verifier.postgres.PostgresServer;
import io.github.migrationtest.verifier.snapshot.ObjectKind;
import io.github.migrationtest.verifier.snapshot.SchemaSnapshot;
import io.github.migrationtest.verifier.snapshot.SnapshotOptions;
import io.github.migrationtest.verifier.snapshot.SnapshotReader;
import io.github.migrationtest.verifier.source.MigrationSource;
import io.github.migrationtest.verifier.source.MigrationSources;
import io.github.migrationtest.verifier.source.Revision;
import io.github.migrationtest.verifier.source.SourceOptions;
import java.sql.Connection;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The JPA entities of {@code examples.jpa} are the schema the application expects; the Flyway-style
 * history {@code db/jpa-flyway} must build exactly that at head, and {@code db/jpa-flyway-broken},
 * which never adds {@code Customer.phone}, must not.
 */
class JpaModelExampleTest {

    /**
     * The noise option this model needs, chosen in the open: Hibernate makes up the names of the
     * foreign key and index it was not given ({@code fk…}, {@code idx…}), so they are matched by
     * definition and listed as report-only renames. Column order stays the default, report-only:
     * Hibernate orders columns its own way.
     */
    private static final DiffOptions HIBERNATE_NAMES = DiffOptions.defaults().withConstraintsMatchedByDefinition();

    private static SchemaSnapshot model;

    @BeforeAll
    static void exportEntities() {
        model = new JpaModel("io.github.migrationtest.examples.jpa", JpaModelExampleTest.class.getClassLoader())
                .snapshot(PostgresServer.shared(), SnapshotOptions.defaults());
    }

    private static SchemaSnapshot head(String location) throws Exception {
        MigrationSource history = MigrationSources.open(location, SourceOptions.defaults());
        try (DisposableDatabase database = PostgresServer.shared().createDatabase()) {
            for (Revision revision : history.revisions()) {
                history.upgrade(revision, database.dataSource());
            }
            try (Connection connection = database.connect()) {
                return SnapshotReader.read(connection, SnapshotOptions.defaults());
            }
        }
    }

    @Test
    void the_history_builds_the_schema_the_entities_expect() throws Exception {
        DiffResult result = SchemaDiff.compare(model, head("classpath:db/jpa-flyway"), HIBERNATE_NAMES);

        assertThat(result.matches()).as(result.render()).isTrue();
        // Matched, and still visible: what the options let pass.
        assertThat(result.differences()).allMatch(Difference::reportOnly)
                .extracting(Difference::kind, Difference::objectKind, Difference::actual)
                .contains(tuple(DifferenceKind.RENAMED, ObjectKind.CONSTRAINT, "purchase_orders_customer_fk"),
                        tuple(DifferenceKind.RENAMED, ObjectKind.INDEX, "purchase_orders_customer_idx"));
    }

    @Test
    void a_history_that_never_adds_an_entitys_field_differs_by_exactly_that_column() throws Exception {
        DiffResult result = SchemaDiff.compare(model, head("classpath:db/jpa-flyway-broken"), HIBERNATE_NAMES);

        assertThat(result.failures()).containsExactly(new MissingObject("public.customers.phone", ObjectKind.COLUMN,
                "character varying(32)", "public.customers"));
        assertThat(result.failures().get(0).describe())
                .isEqualTo("public.customers.phone: missing column: character varying(32)");
    }
}
