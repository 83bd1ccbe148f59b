package io.github.migrationtest.verifier.model;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads a model spec, as {@code verify --model} and {@code @MigrationTest(model)} take it:
 * {@code snapshot:<file>}, {@code sql:<file>}, {@code jpa:<package-or-persistence-unit>}, {@code alembic} or
 * {@code sqlalchemy:<module>:<attribute>}.
 */
public final class Models {

    /** The forms a spec takes, for messages. */
    public static final String FORMS = "snapshot:<file> (a snapshot, as migrationtest snapshot writes it), "
            + "sql:<file> (a reference schema.sql), jpa:<package-or-persistence-unit> (JPA entities, through Hibernate), "
            + "alembic (the target_metadata of the Alembic project's env.py), sqlalchemy:<module>:<attribute> (SQLAlchemy"
            + " MetaData or a declarative base)";

    private static final String ALEMBIC = "alembic";
    /** {@code package.module:Attribute.path}, as Python names them. */
    private static final Pattern MODULE_ATTRIBUTE = Pattern.compile("[A-Za-z_]\\w*(\\.[A-Za-z_]\\w*)*:[A-Za-z_]\\w*(\\.[A-Za-z_]\\w*)*");

    private Models() {
    }

    /** Files relative to the working directory, no init scripts. */
    public static SchemaModel parse(String spec) {
        return parse(spec, ModelContext.workingDirectory());
    }

    /**
     * The model a spec names. Reads no file yet: a snapshot file may not exist until update mode writes it.
     *
     * @throws ModelSpecException when the spec is none of the forms
     * @throws ModelException when {@code jpa:} is asked for and Hibernate is not on the class path
     */
    public static SchemaModel parse(String spec, ModelContext context) {
        String text = spec == null ? "" : spec.trim();
        if (text.equalsIgnoreCase(ALEMBIC)) {
            return new SqlAlchemyModel(ALEMBIC, context.history(), context.alembic(), context.initScripts());
        }
        int colon = text.indexOf(':');
        String kind = colon < 0 ? "" : text.substring(0, colon).trim().toLowerCase(Locale.ROOT);
        String value = colon < 0 ? "" : text.substring(colon + 1).trim();
        if (value.isEmpty()) {
            throw new ModelSpecException(text);
        }
        return switch (kind) {
            case "snapshot" -> new SnapshotFileModel(context.files().apply(value), context.howToUpdate());
            case "sql" -> new SqlFileModel(context.files().apply(value), context.initScripts());
            case "jpa" -> JpaModelLoader.load(value, context.classLoader());
            case "sqlalchemy" -> new SqlAlchemyModel(moduleAttribute(value), context.history(), context.alembic(),
                    context.initScripts());
            default -> throw new ModelSpecException(text);
        };
    }

    private static String moduleAttribute(String value) {
        if (!MODULE_ATTRIBUTE.matcher(value).matches()) {
            throw new ModelException("Not a SQLAlchemy model: 'sqlalchemy:" + value + "'. Name the module and the MetaData or"
                    + " declarative base in it as sqlalchemy:<module>:<attribute>, e.g. sqlalchemy:app.models:Base");
        }
        return value;
    }
}
