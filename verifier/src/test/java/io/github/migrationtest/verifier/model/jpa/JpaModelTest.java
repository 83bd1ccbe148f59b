package io.github.migrationtest.verifier.model.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.migrationtest.verifier.model.ModelException;
import io.github.migrationtest.verifier.postgres.DisposableDatabase;
import io.github.migrationtest.verifier.postgres.PostgresServer;
import io.github.migrationtest.verifier.snapshot.Column;
import io.github.migrationtest.verifier.snapshot.SchemaObject;
import io.github.migrationtest.verifier.snapshot.SchemaSnapshot;
import io.github.migrationtest.verifier.snapshot.SnapshotOptions;
import io.github.migrationtest.verifier.snapshot.Table;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class JpaModelTest {
    private static final String SHOP = "io.github.migrationtest.verifier.model.jpa.shop";
    private static final ClassLoader LOADER = JpaModelTest.class.getClassLoader();

    private static PostgresServer server;
    /** Stays open to look at pg_database; never the scratch database itself. */
    private static DisposableDatabase observer;

    @BeforeAll
    static void start() {
        server = PostgresServer.shared();
        observer = server.createDatabase();
    }

    @AfterAll
    static void stop() {
        observer.close();
    }

    private static SchemaSnapshot snapshot(String packageOrUnit) {
        return new JpaModel(packageOrUnit, LOADER).snapshot(server, SnapshotOptions.defaults());
    }

    @Test
    void a_package_scan_finds_its_entities_and_those_of_its_subpackages() {
        SchemaSnapshot model = snapshot(SHOP);

        assertThat(model.objects(Table.class)).extracting(Table::name)
                .containsExactlyInAnyOrder("customers", "purchase_orders", "product");
        assertThat(model.lookup("public.purchase_orders.total")).get()
                .extracting(column -> ((Column) column).type()).isEqualTo("numeric(12,2)");
        assertThat(model.objects()).extracting(SchemaObject::path)
                .contains("public.purchase_orders_seq", "constraint public.customers.customers_email_key");
    }

    @Test
    void a_package_model_is_described_by_its_package_once_read() {
        JpaModel model = new JpaModel(SHOP, LOADER);
        assertThat(model.description()).isEqualTo("JPA model " + SHOP);

        model.snapshot(server, SnapshotOptions.defaults());

        assertThat(model.description()).isEqualTo("JPA entities in package " + SHOP);
    }

    @Test
    void a_package_scan_hands_hibernate_the_auto_applied_converters_no_entity_names() {
        SchemaSnapshot model = snapshot("io.github.migrationtest.verifier.model.jpa.converted");

        assertThat(model.lookup("public.notes.price")).get()
                .extracting(column -> ((Column) column).type()).isEqualTo("bigint");
    }

    @Test
    void a_persistence_unit_is_exported_with_its_own_classes_and_settings_but_our_connection() {
        JpaModel model = new JpaModel("shop-orders", LOADER);

        SchemaSnapshot unit = model.snapshot(server, SnapshotOptions.defaults());

        // Two listed classes, named by the unit's naming strategy; the unit's URL and "validate" were replaced.
        assertThat(unit.objects(Table.class)).extracting(Table::name)
                .containsExactlyInAnyOrder("unit_customers", "unit_purchase_orders");
        assertThat(model.description()).isEqualTo("JPA persistence unit shop-orders");
    }

    @Test
    void a_package_without_entities_is_a_clear_error() {
        assertThatThrownBy(() -> snapshot("io.github.migrationtest.verifier.model.jpa.plain"))
                .isInstanceOf(ModelException.class)
                .hasMessageStartingWith("JPA model \"io.github.migrationtest.verifier.model.jpa.plain\": no @Entity class"
                        + " in package io.github.migrationtest.verifier.model.jpa.plain or its subpackages (looked in file:")
                .hasMessageContaining("the persistence units on the class path are shop-orders")
                .hasMessageContaining("Fix: give the package of your @Entity classes");
    }

    @Test
    void a_package_not_on_the_class_path_is_a_clear_error() {
        assertThatThrownBy(() -> snapshot("com.example.nothing"))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("no @Entity class in package com.example.nothing or its subpackages"
                        + " (the package is not on the class path)");
    }

    @Test
    void a_name_that_is_neither_a_unit_nor_a_package_lists_the_units() {
        assertThatThrownBy(() -> snapshot("shop orders"))
                .isInstanceOf(ModelException.class)
                .hasMessageStartingWith("JPA model \"shop orders\": no persistence unit has this name, and it is not"
                        + " a package name; the persistence units on the class path are shop-orders (in [")
                .hasMessageContaining("Fix: name a persistence unit from META-INF/persistence.xml");
    }

    @Test
    void a_blank_name_says_what_to_give() {
        assertThatThrownBy(() -> snapshot(" "))
                .isInstanceOf(ModelException.class)
                .hasMessage("JPA model: no package or persistence unit given. Fix: jpa:com.acme.orders"
                        + " or jpa:<persistence unit name>.");
    }

    @Test
    void a_mapping_error_names_the_package_and_what_hibernate_found() {
        assertThatThrownBy(() -> snapshot("io.github.migrationtest.verifier.model.jpa.broken"))
                .isInstanceOf(ModelException.class)
                .hasMessageStartingWith("Hibernate could not export the schema of JPA entities in package"
                        + " io.github.migrationtest.verifier.model.jpa.broken: ")
                .hasMessageContaining("io.github.migrationtest.verifier.model.jpa.broken.Orphan")
                .hasMessageContaining("identifier")
                .hasMessageContaining("Fix: correct the mapping");
    }

    @Test
    void the_scratch_database_is_dropped_after_a_model_is_read() throws Exception {
        Set<String> before = databases();

        snapshot(SHOP);

        assertThat(databases()).isEqualTo(before);
    }

    @Test
    void the_scratch_database_is_dropped_when_hibernate_fails() throws Exception {
        Set<String> before = databases();

        assertThatThrownBy(() -> snapshot("io.github.migrationtest.verifier.model.jpa.broken"))
                .isInstanceOf(ModelException.class);

        assertThat(databases()).isEqualTo(before);
    }

    @Test
    void without_hibernate_on_the_class_path_the_model_says_how_to_add_it() {
        assertThat(JpaModel.missingHibernate(new ClassLoader(null) { }))
                .isEqualTo("it is not on the class path (org.hibernate.boot.MetadataSources not found)");
        assertThat(JpaModel.missingHibernate(LOADER)).isNull();
    }

    private static Set<String> databases() throws Exception {
        Set<String> names = new HashSet<>();
        try (Connection connection = observer.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT datname FROM pg_database")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }
}
