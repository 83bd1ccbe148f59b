package io.github.migrationtest.verifier.model;

import java.lang.reflect.InvocationTargetException;

/**
 * Loads the JPA model by name, so that Hibernate stays an optional dependency: users without
 * {@code jpa:} models never load a Hibernate class, and those with one get told what to add.
 */
final class JpaModelLoader {

    static final String JPA_MODEL = "io.github.migrationtest.verifier.model.jpa.JpaModel";
    /** A class every Hibernate ORM has; checked first, so a missing Hibernate is named as such. */
    private static final String HIBERNATE = "org.hibernate.SessionFactory";

    private JpaModelLoader() {
    }

    static SchemaModel load(String packageOrUnit, ClassLoader classLoader) {
        return load(JPA_MODEL, HIBERNATE, packageOrUnit, classLoader);
    }

    /**
     * @param className the model class, with a public constructor {@code (String packageOrUnit, ClassLoader)}
     * @param requiredClass a class of the library the model needs, looked for first
     */
    static SchemaModel load(String className, String requiredClass, String packageOrUnit, ClassLoader classLoader) {
        Object model;
        try {
            Class.forName(requiredClass, false, classLoader);
            model = Class.forName(className, true, classLoader).getConstructor(String.class, ClassLoader.class)
                    .newInstance(packageOrUnit, classLoader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw missing(packageOrUnit, e);
        } catch (InvocationTargetException e) {
            throw fromConstructor(packageOrUnit, e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new ModelException(className + " cannot be made for jpa:" + packageOrUnit + ": it needs a public"
                    + " constructor (String packageOrUnit, ClassLoader classLoader); " + e, e);
        }
        if (model instanceof SchemaModel schemaModel) {
            return schemaModel;
        }
        throw new ModelException(className + " is not a " + SchemaModel.class.getName()
                + "; the class path holds a JpaModel from another version of migrationtest");
    }

    private static ModelException fromConstructor(String packageOrUnit, Throwable cause) {
        if (cause instanceof ModelException model) {
            return model;
        }
        if (cause instanceof LinkageError) {
            return missing(packageOrUnit, cause);
        }
        return new ModelException("Could not read the JPA model jpa:" + packageOrUnit + ": " + cause, cause);
    }

    private static ModelException missing(String packageOrUnit, Throwable cause) {
        String what = cause.getMessage() == null ? cause.toString() : cause.getMessage().replace('/', '.');
        return new ModelException("jpa:" + packageOrUnit + " needs Hibernate ORM and migrationtest's JPA model on the"
                + " class path, but " + what + " is not there. Fix: add org.hibernate.orm:hibernate-core to the class path"
                + " (with the JUnit extension: a test-scoped dependency)", cause);
    }
}
