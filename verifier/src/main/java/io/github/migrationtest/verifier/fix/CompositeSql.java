package io.github.migrationtest.verifier.fix;

import io.github.migrationtest.verifier.snapshot.CompositeType;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Composite types: created whole; attributes added, dropped and retyped in place. Postgres appends
 * an added attribute, so an order that cannot be reached that way is left to people.
 */
final class CompositeSql implements ObjectSql<CompositeType> {
    /** How the snapshot names an attribute's property: {@code attribute street}. */
    private static final String ATTRIBUTE = "attribute ";
    /** And an attribute's comment: {@code attribute comment street}, taken before the attributes. */
    private static final String ATTRIBUTE_COMMENT = "attribute comment ";

    @Override
    public void create(CompositeType type, Plan plan) {
        String attributes = type.attributes().entrySet().stream()
                .map(a -> Sql.name(a.getKey()) + " " + a.getValue()).collect(Collectors.joining(", "));
        plan.add(Phase.CREATE_TYPE, "CREATE TYPE " + Targets.name(type) + " AS (" + attributes + ")");
        Annotations.created(type, Phase.CREATE_TYPE, plan);
        type.attributeComments().forEach((name, text) -> comment(type, name, text, plan));
    }

    /** Comments an attribute, or takes its comment away for {@code null}. */
    private static void comment(CompositeType type, String attribute, String text, Plan plan) {
        plan.add(Phase.ANNOTATE, "COMMENT ON COLUMN " + Targets.name(type) + "." + Sql.name(attribute) + " IS "
                + (text == null ? "NULL" : Sql.literal(text)));
    }

    @Override
    public void drop(CompositeType type, Plan plan) {
        plan.add(Phase.DROP_TYPE, Targets.drop(type));
    }

    @Override
    public void alter(CompositeType from, CompositeType to, Pending changed, Plan plan) {
        String alter = "ALTER TYPE " + Targets.name(to) + " ";
        for (String property : changed.takeStartingWith(ATTRIBUTE_COMMENT)) {
            String name = Pending.nameIn(property, ATTRIBUTE_COMMENT, from.attributeComments(), to.attributeComments());
            comment(to, name, to.attributeComments().get(name), plan);
        }
        List<String> order = new ArrayList<>(from.attributes().keySet());
        for (String property : changed.takeStartingWith(ATTRIBUTE)) {
            String name = Pending.nameIn(property, ATTRIBUTE, from.attributes(), to.attributes());
            String type = to.attributes().get(name);
            if (!from.attributes().containsKey(name)) {
                plan.add(Phase.ALTER_TYPE, alter + "ADD ATTRIBUTE " + Sql.name(name) + " " + type);
                order.add(name);
            } else if (type == null) {
                plan.add(Phase.ALTER_TYPE, alter + "DROP ATTRIBUTE " + Sql.name(name));
                order.remove(name);
            } else {
                plan.add(Phase.ALTER_TYPE, "fails while a table column uses the type",
                        alter + "ALTER ATTRIBUTE " + Sql.name(name) + " TYPE " + type);
            }
        }
        if (!order.equals(new ArrayList<>(to.attributes().keySet()))) {
            changed.take("order");
            plan.manual(to.path(), "the attributes would end up in the order " + String.join(", ", order)
                    + ", not " + String.join(", ", to.attributes().keySet())
                    + ": Postgres appends new attributes; recreate the type by hand");
        }
    }
}
