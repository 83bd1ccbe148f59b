package io.github.migrationtest.verifier.fix;

import io.github.migrationtest.verifier.snapshot.SchemaObject;

/** Writes the statements that create, drop or change one kind of object. */
interface ObjectSql<T extends SchemaObject> {

    void create(T object, Plan plan);

    void drop(T object, Plan plan);

    /**
     * Writes SQL for the changed properties that can change in place, taking each one it deals with.
     * Comments and grants are not among them: the planner hands those to {@link Annotations} for
     * every kind alike, after this. A kind with nothing else to change in place keeps this default.
     */
    default void alter(T from, T to, Pending changed, Plan plan) {
    }

    /**
     * Drops the object and creates it anew when one of {@code properties} differs, for what no
     * {@code ALTER} can change (a definition); the new one brings its own comment and grants.
     *
     * @return whether it did
     */
    default boolean replaceIfChanged(T from, T to, Pending changed, Plan plan, String... properties) {
        for (String property : properties) {
            if (changed.has(property)) {
                changed.takeAll();
                drop(from, plan);
                create(to, plan);
                return true;
            }
        }
        return false;
    }
}
