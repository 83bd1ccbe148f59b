package io.github.migrationtest.verifier.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.migrationtest.verifier.model.jpa.JpaModel;
import io.github.migrationtest.verifier.postgres.PostgresServer;
import io.github.migrationtest.verifier.snapshot.SchemaSnapshot;
import io.github.migrationtest.verifier.snapshot.SnapshotOptions;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Model specs as users write them; the JPA model found by name, so Hibernate can stay optional. */
class ModelsTest {

    private static final ModelContext CONTEXT = new ModelContext(
            name -> new ModelFile(name, Path.of("/project", name), Path.of("/project", name)),
            ModelsTest.class.getClassLoader(), List.of(Path.of("/project/init.sql")), file -> "update it");

    @Test
    void should_read_the_snapshot_and_sql_forms_resolving_the_file_as_the_context_says() {
        SchemaModel snapshot = Models.parse(" snapshot:src/schema.snapshot ", CONTEXT);
        SchemaModel sql = Models.parse("SQL:classpath:db/schema.sql", CONTEXT);

        assertThat(snapshot).isInstanceOfSatisfying(SnapshotFileModel.class, model -> {
            assertThat(model.file().path()).isEqualTo(Path.of("/project/src/schema.snapshot"));
            assertThat(model.howToUpdate()).isEqualTo("update it");
        });
        assertThat(sql).isInstanceOfSatisfying(SqlFileModel.class,
                model -> assertThat(model.file().name()).isEqualTo("classpath:db/schema.sql"));
        assertThat(sql.description()).isEqualTo("reference SQL file classpath:db/schema.sql");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "schema.snapshot", "snapshot:", "sql: ", "yaml:schema.yaml"})
    void should_reject_a_spec_of_none_of_the_forms_listing_them(String spec) {
        assertThatThrownBy(() -> Models.parse(spec, CONTEXT)).isInstanceOf(ModelSpecException.class)
                .hasMessage("Not a model: '" + spec.trim() + "'. Allowed: snapshot:<file> (a snapshot, as migrationtest"
                        + " snapshot writes it), sql:<file> (a reference schema.sql), jpa:<package-or-persistence-unit>"
                        + " (JPA entities, through Hibernate), alembic (the target_metadata of the Alembic project's"
                        + " env.py), sqlalchemy:<module>:<attribute> (SQLAlchemy MetaData or a declarative base)");
    }

    @Test
    void should_make_the_real_jpa_model_by_name_without_reading_it_yet() {
        SchemaModel jpa = Models.parse("jpa:com.example.shop", CONTEXT);

        assertThat(jpa).isInstanceOf(JpaModel.class);
        assertThat(jpa.description()).isEqualTo("JPA model com.example.shop");
    }

    @Test
    void should_say_to_add_hibernate_when_jpa_is_asked_for_without_it() {
        ModelContext withoutJpa = new ModelContext(ModelFile::at, new WithoutJpa(getClass().getClassLoader()),
                List.of(), file -> "");

        assertThatThrownBy(() -> Models.parse("jpa:com.example.shop", withoutJpa)).isInstanceOf(ModelException.class)
                .hasMessage("jpa:com.example.shop needs Hibernate ORM and migrationtest's JPA model on the class path, but"
                        + " org.hibernate.SessionFactory is not there. Fix: add org.hibernate.orm:hibernate-core to the"
                        + " class path (with the JUnit extension: a test-scoped dependency)");
    }

    @Test
    void should_make_the_jpa_model_through_its_public_constructor() {
        SchemaModel model = JpaModelLoader.load(FakeJpaModel.class.getName(), "java.lang.Object", "com.example.shop",
                getClass().getClassLoader());

        assertThat(model.description()).isEqualTo("fake JPA entities in com.example.shop");
    }

    @Test
    void should_pass_on_what_the_jpa_model_says_when_it_cannot_be_made() {
        assertThatThrownBy(() -> JpaModelLoader.load(FakeJpaModel.class.getName(), "java.lang.Object", "",
                getClass().getClassLoader())).isInstanceOf(ModelException.class).hasMessage("no entities in ''");
        assertThatThrownBy(() -> JpaModelLoader.load(String.class.getName(), "java.lang.Object", "x",
                getClass().getClassLoader())).hasMessageStartingWith("java.lang.String cannot be made for jpa:x: it needs"
                + " a public constructor (String packageOrUnit, ClassLoader classLoader)");
    }

    /** Stands in for the JPA model, so that the loader is tested apart from Hibernate and a real export. */
    public static final class FakeJpaModel implements SchemaModel {
        private final String packageOrUnit;

        public FakeJpaModel(String packageOrUnit, ClassLoader classLoader) {
            if (packageOrUnit.isEmpty()) {
                throw new ModelException("no entities in ''");
            }
            this.packageOrUnit = packageOrUnit;
        }

        @Override
        public String description() {
            return "fake JPA entities in " + packageOrUnit;
        }

        @Override
        public SchemaSnapshot snapshot(PostgresServer server, SnapshotOptions options) {
            return SchemaSnapshot.of(List.of());
        }
    }

    /** A class path without Hibernate and the JPA model, whatever the build put on the test class path. */
    private static final class WithoutJpa extends ClassLoader {
        WithoutJpa(ClassLoader parent) {
            super(parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith("org.hibernate.") || name.startsWith(JpaModelLoader.JPA_MODEL)) {
                throw new ClassNotFoundException(name);
            }
            return super.loadClass(name, resolve);
        }
    }
}
