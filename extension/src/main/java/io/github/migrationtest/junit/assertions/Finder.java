package io.github.migrationtest.junit.assertions;

import static io.github.migrationtest.junit.assertions.error.ShouldExist.shouldBeUnambiguous;
import static io.github.migrationtest.junit.assertions.error.ShouldExist.shouldExist;

import io.github.migrationtest.verifier.snapshot.Column;
import io.github.migrationtest.verifier.snapshot.Constraint;
import io.github.migrationtest.verifier.snapshot.EnumType;
import io.github.migrationtest.verifier.snapshot.Identifiers;
import io.github.migrationtest.verifier.snapshot.Index;
import io.github.migrationtest.verifier.snapshot.ObjectKind;
import io.github.migrationtest.verifier.snapshot.Routine;
import io.github.migrationtest.verifier.snapshot.SchemaObject;
import io.github.migrationtest.verifier.snapshot.SchemaSnapshot;
import io.github.migrationtest.verifier.snapshot.Sequence;
import io.github.migrationtest.verifier.snapshot.Table;
import io.github.migrationtest.verifier.snapshot.View;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Looks objects up by the names users write (see {@link Names}). An unqualified name is looked for
 * in every schema; when several have it, {@code public} wins, else the name must be qualified.
 */
final class Finder {

    private static final String DEFAULT_SCHEMA = "public";

    private Finder() {
    }

    static Found<Table> table(SchemaSnapshot snapshot, String name) {
        return topLevel(snapshot.objects(Table.class), Table::name, ObjectKind.TABLE, "tables", name, o -> true);
    }

    static Found<EnumType> enumType(SchemaSnapshot snapshot, String name) {
        return topLevel(snapshot.objects(EnumType.class), EnumType::name, ObjectKind.ENUM, "enum types", name, o -> true);
    }

    /** Views and materialized views. */
    static Found<View> view(SchemaSnapshot snapshot, String name) {
        return topLevel(snapshot.objects(View.class), View::name, ObjectKind.VIEW, "views", name, o -> true);
    }

    static Found<Sequence> sequence(SchemaSnapshot snapshot, String name) {
        return topLevel(snapshot.objects(Sequence.class), Sequence::name, ObjectKind.SEQUENCE, "sequences", name,
                o -> true);
    }

    /**
     * A function or procedure: {@code order_count}, or {@code order_count(bigint)} when it is
     * overloaded; the argument list may leave out argument names.
     */
    static Found<Routine> function(SchemaSnapshot snapshot, String text) {
        int paren = text.indexOf('(');
        String name = paren < 0 ? text : text.substring(0, paren);
        Predicate<Routine> arguments = paren < 0 ? r -> true
                : r -> Arguments.matches(text.substring(paren + 1, text.lastIndexOf(')')), r.identityArguments());
        return topLevel(snapshot.objects(Routine.class), Routine::name, ObjectKind.FUNCTION, "functions", name, arguments);
    }

    static Found<Column> column(SchemaSnapshot snapshot, Table table, String name) {
        return child(snapshot, table, Column.class, Column::name, name, "column", "columns",
                column -> Identifiers.qualify(table.schema(), table.name(), column));
    }

    static Found<Index> index(SchemaSnapshot snapshot, Table table, String name) {
        return child(snapshot, table, Index.class, Index::name, name, "index", "indexes",
                index -> Identifiers.qualify(table.schema(), index));
    }

    static Found<Constraint> constraint(SchemaSnapshot snapshot, Table table, String name) {
        return child(snapshot, table, Constraint.class, Constraint::name, name, "constraint", "constraints",
                constraint -> ObjectKind.CONSTRAINT.pathPrefix() + Identifiers.qualify(table.schema(), table.name(), constraint));
    }

    private static <T extends SchemaObject> Found<T> topLevel(List<T> all, Function<T, String> nameOf, ObjectKind kind,
            String plural, String text, Predicate<T> also) {
        Names.Qualified wanted = Names.Qualified.of(text);
        List<T> matching = all.stream().filter(o -> wanted.matches(o.schema(), nameOf.apply(o)) && also.test(o)).toList();
        String missingPath = kind.pathPrefix()
                + Identifiers.qualify(wanted.schema() == null ? DEFAULT_SCHEMA : wanted.schema(), wanted.name());
        if (matching.size() == 1) {
            return Found.of(matching.get(0), matching.get(0).path());
        }
        if (matching.isEmpty()) {
            return Found.none(missingPath, shouldExist(kind.keyword(), plural, names(all, SchemaObject::qualifiedName)));
        }
        // The same name in several schemas: public's, as on the default search path; overloads stay ambiguous.
        List<T> inDefault = matching.stream().filter(o -> DEFAULT_SCHEMA.equals(o.schema())).toList();
        return inDefault.size() == 1 ? Found.of(inDefault.get(0), inDefault.get(0).path()) : Found.none(
                kind.pathPrefix() + Identifiers.quote(wanted.name()),
                shouldBeUnambiguous(kind.keyword(), kind == ObjectKind.FUNCTION ? "give its arguments or its schema"
                        : "qualify it with its schema", names(matching, SchemaObject::qualifiedName)));
    }

    /** A table's object by its name, the last part of {@code text}; {@code pathOf} gives the path a missing one would have. */
    private static <T extends SchemaObject> Found<T> child(SchemaSnapshot snapshot, Table table, Class<T> type,
            Function<T, String> nameOf, String text, String kind, String plural, Function<String, String> pathOf) {
        List<String> parts = Names.parse(text);
        String wanted = parts.get(parts.size() - 1);
        List<T> children = children(snapshot, table.path(), type);
        return children.stream().filter(o -> nameOf.apply(o).equals(wanted)).findFirst()
                .map(o -> Found.of(o, o.path()))
                .orElseGet(() -> Found.none(pathOf.apply(wanted), shouldExist(kind, plural, names(children, nameOf))));
    }

    /** The objects of one kind under a parent: a table's constraints, say. */
    static <T extends SchemaObject> List<T> children(SchemaSnapshot snapshot, String parentPath, Class<T> type) {
        return snapshot.children(parentPath).stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static <T> List<String> names(List<T> objects, Function<T, String> nameOf) {
        return objects.stream().map(nameOf).toList();
    }
}
