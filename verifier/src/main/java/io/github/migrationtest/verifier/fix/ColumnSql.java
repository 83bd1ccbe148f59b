package io.github.migrationtest.verifier.fix;

import io.github.migrationtest.verifier.snapshot.Column;
import io.github.migrationtest.verifier.snapshot.Sequence;
import io.github.migrationtest.verifier.snapshot.SchemaSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Columns: added with their whole definition, dropped with a data-loss warning, and changed in
 * place property by property (type, nullability, default, identity, collation, storage, compression).
 */
final class ColumnSql implements ObjectSql<Column> {
    private static final String TYPE = "type";
    private static final String NOT_NULL = "not null";
    private static final String DEFAULT = "default";
    private static final String IDENTITY = "identity";
    private static final String COLLATION = "collation";

    @Override
    public void create(Column column, Plan plan) {
        if (plan.creates(column.parentPath())) {
            return; // written into its table's CREATE TABLE
        }
        List<String> notes = new ArrayList<>();
        if (column.notNull() && column.defaultValue() == null && column.identity() == null
                && column.generated() == null) {
            notes.add("fails if " + column.parentPath() + " has rows: NOT NULL without a default");
        }
        if (landsBeforeOthers(column, plan)) {
            notes.add("lands last, not at position " + column.position()
                    + ": Postgres adds columns at the end (the diff reports the order, it does not fail on it)");
        }
        plan.add(Phase.ADD_COLUMN, notes, alterTable(column) + "ADD COLUMN " + definition(column, plan.to()));
        created(column, Phase.ADD_COLUMN, plan);
    }

    /** What a new column gets besides its definition: identity sequence type, storage, comment, grants. */
    static void created(Column column, Phase phase, Plan plan) {
        identitySequence(column, plan.to()).filter(s -> !s.type().equals(column.type()))
                .ifPresent(s -> plan.add(phase, "ALTER SEQUENCE " + Targets.name(s) + " AS " + s.type()
                        + " MINVALUE " + s.minValue() + " MAXVALUE " + s.maxValue()));
        if (column.storage() != null) {
            plan.add(phase, alterColumn(column) + "SET STORAGE " + column.storage());
        }
        if (column.compression() != null) {
            plan.add(phase, alterColumn(column) + "SET COMPRESSION " + column.compression());
        }
        if (column.statistics() != null) {
            plan.add(phase, alterColumn(column) + "SET STATISTICS " + column.statistics());
        }
        if (column.options() != null) {
            plan.add(phase, alterColumn(column) + "SET (" + column.options() + ")");
        }
        Annotations.created(column, phase, plan);
    }

    @Override
    public void drop(Column column, Plan plan) {
        plan.dropChild(column, Phase.DROP_COLUMN, ClosingMigration.DROPS_DATA + " column " + column.path(),
                alterTable(column) + "DROP COLUMN " + Sql.name(column.name()));
    }

    @Override
    public void alter(Column from, Column to, Pending changed, Plan plan) {
        boolean retyped = changed.has(TYPE) || changed.has(COLLATION);
        boolean defaultChanged = changed.take(DEFAULT);
        if (changed.take("generated")) {
            if (to.generated() != null) {
                plan.manual(to.path(), "the generated expression cannot change in place (Postgres 17 has"
                        + " ALTER COLUMN ... SET EXPRESSION); drop and re-add the column by hand");
            } else {
                plan.add(Phase.ALTER_COLUMN, alterColumn(to) + "DROP EXPRESSION");
            }
        }
        // A default goes before its column's type changes (it may not cast) and before what it calls goes away.
        if (from.defaultValue() != null && (defaultChanged || retyped)
                && (to.defaultValue() == null || retyped || from.defaultValue().contains("("))) {
            plan.add(Phase.RELEASE, alterColumn(to) + "DROP DEFAULT");
        }
        if (from.identity() != null && to.identity() == null && changed.take(IDENTITY)) {
            plan.add(Phase.RELEASE, alterColumn(to) + "DROP IDENTITY");
        }
        // Both taken, so not ||: one ALTER ... TYPE ... COLLATE sets both.
        if (changed.take(TYPE) | changed.take(COLLATION)) {
            plan.add(Phase.ALTER_COLUMN, alterColumn(to) + "TYPE " + typeAndCollation(from, to)
                    + (from.type().equals(to.type()) ? "" : " USING " + Sql.name(to.name()) + "::" + to.type()));
        }
        if (changed.take(NOT_NULL)) {
            plan.add(Phase.ALTER_COLUMN, alterColumn(to) + (to.notNull() ? "SET NOT NULL" : "DROP NOT NULL"));
        }
        if (to.defaultValue() != null && (defaultChanged || (retyped && from.defaultValue() != null))) {
            plan.add(Phase.ALTER_COLUMN, alterColumn(to) + "SET DEFAULT " + to.defaultValue());
        }
        if (changed.take(IDENTITY)) {
            plan.add(Phase.ALTER_COLUMN, alterColumn(to) + (from.identity() == null
                    ? "ADD " + identity(to, plan.to())
                    : "SET GENERATED " + to.identity()));
        }
        if (changed.take("storage")) {
            String storage = to.storage() != null ? to.storage() : defaultStorage(to.type());
            plan.add(Phase.ALTER_COLUMN, storage == null ? "SET STORAGE DEFAULT needs Postgres 16 or later" : null,
                    alterColumn(to) + "SET STORAGE " + Objects.requireNonNullElse(storage, "DEFAULT"));
        }
        if (changed.take("compression")) {
            plan.add(Phase.ALTER_COLUMN, alterColumn(to) + "SET COMPRESSION "
                    + Objects.requireNonNullElse(to.compression(), "default"));
        }
        if (changed.take("statistics")) {
            plan.add(Phase.ALTER_COLUMN, alterColumn(to) + "SET STATISTICS "
                    + Objects.requireNonNullElse(to.statistics(), "-1"));
        }
        if (changed.take("options")) {
            StorageOptions.change(alterColumn(to).strip(), from.options(), to.options())
                    .forEach(sql -> plan.add(Phase.ALTER_COLUMN, sql));
        }
    }

    /**
     * The storage a built-in type has of its own ({@code pg_type.typstorage}), for going back to it
     * without Postgres 16's {@code SET STORAGE DEFAULT}; {@code null} for other types.
     */
    private static String defaultStorage(String type) {
        if (type.endsWith("]")) {
            return "EXTENDED";
        }
        String base = type.contains("(") ? type.substring(0, type.indexOf('(')) : type;
        return switch (base) {
            case "text", "character varying", "character", "bytea", "json", "jsonb", "xml", "tsvector" -> "EXTENDED";
            case "numeric", "inet", "cidr" -> "MAIN";
            default -> null;
        };
    }

    /** The column as it appears in {@code CREATE TABLE} or {@code ADD COLUMN}. */
    static String definition(Column column, SchemaSnapshot snapshot) {
        StringBuilder sql = new StringBuilder(Sql.name(column.name())).append(' ').append(column.type());
        if (column.collation() != null) {
            sql.append(" COLLATE ").append(column.collation());
        }
        if (column.generated() != null) {
            sql.append(" GENERATED ALWAYS AS (").append(column.generated()).append(") STORED");
        }
        if (column.identity() != null) {
            sql.append(' ').append(identity(column, snapshot));
        }
        if (column.defaultValue() != null) {
            sql.append(" DEFAULT ").append(column.defaultValue());
        }
        if (column.notNull()) {
            sql.append(" NOT NULL");
        }
        return sql.toString();
    }

    /** {@code GENERATED ... AS IDENTITY} with the sequence's name and options, so both sides name it alike. */
    private static String identity(Column column, SchemaSnapshot snapshot) {
        String options = identitySequence(column, snapshot).map(s -> " (" + SequenceSql.identityOptions(s) + ")")
                .orElse("");
        return "GENERATED " + column.identity() + " AS IDENTITY" + options;
    }

    /** The sequence behind an identity column; a plain column has none, which saves a scan of the snapshot per column. */
    private static Optional<Sequence> identitySequence(Column column, SchemaSnapshot snapshot) {
        if (column.identity() == null) {
            return Optional.empty();
        }
        return snapshot.objects(Sequence.class).stream()
                .filter(s -> s.identity() && column.path().equals(s.ownedBy())).findFirst();
    }

    private static String typeAndCollation(Column from, Column to) {
        if (to.collation() != null) {
            return to.type() + " COLLATE " + to.collation();
        }
        return from.collation() != null ? to.type() + " COLLATE \"default\"" : to.type();
    }

    /** Whether a column added now would stand before columns that already exist, which Postgres cannot do. */
    private static boolean landsBeforeOthers(Column column, Plan plan) {
        return plan.to().columns(plan.to().table(column.schema(), column.table()).orElseThrow()).stream()
                .anyMatch(c -> c.position() > column.position() && !plan.creates(c.path()));
    }

    private static String alterTable(Column column) {
        return "ALTER TABLE " + Targets.table(column) + " ";
    }

    static String alterColumn(Column column) {
        return alterTable(column) + "ALTER COLUMN " + Sql.name(column.name()) + " ";
    }
}
