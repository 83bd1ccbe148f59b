package io.github.migrationtest.verifier.protect;

/**
 * One thing a step did to a protected schema, as the guard recorded it inside the step's transaction.
 *
 * @param kind DDL, a drop, or rows written
 * @param command Postgres' command tag ({@code ALTER TABLE}), or for a write the operation ({@code INSERT},
 *     also for {@code COPY ... FROM}, {@code UPDATE}, {@code DELETE}, {@code TRUNCATE})
 * @param objectType what was touched: {@code table}, {@code index}, {@code schema}, ...
 * @param object the object's qualified name as Postgres gives it: {@code legacy.customers}
 * @param rows for a write, how many rows it wrote (a {@code TRUNCATE}: how many it removed); 0 otherwise
 * @param query the statement as the client sent it ({@code current_query()}), to place it in its file
 */
public record Touch(Kind kind, String command, String objectType, String object, long rows, String query) {

    /** What the step did. */
    public enum Kind {
        /** Created or altered an object (including comments and grants Postgres reports). */
        DDL,
        /** Dropped an object. */
        DROP,
        /** Wrote rows to a protected table. */
        WRITE
    }

    public Touch {
        command = command == null ? "" : command;
        objectType = objectType == null ? "" : objectType;
        object = object == null ? "" : object;
        query = query == null ? "" : query;
    }

    /** {@code created}, {@code altered}, {@code dropped} or {@code rows written}: the report's kind of finding. */
    public String verb() {
        return switch (kind) {
            case DROP -> "dropped";
            case WRITE -> "rows written";
            case DDL -> command.startsWith("CREATE") ? "created" : "altered";
        };
    }
}
