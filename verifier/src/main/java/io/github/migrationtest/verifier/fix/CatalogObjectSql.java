package io.github.migrationtest.verifier.fix;

import io.github.migrationtest.verifier.snapshot.CatalogObject;
import io.github.migrationtest.verifier.snapshot.ObjectKind;
import java.util.List;

/**
 * Catalog objects (collations, operators, foreign tables, ...): dropped by their identity, in the order their
 * dependencies need; created and changed by hand, since the snapshot keeps what they are, not the statement that made
 * them.
 */
final class CatalogObjectSql implements ObjectSql<CatalogObject> {
    /**
     * The order of drops within their phase: what uses an object before it (a class before its family, an aggregate
     * before the operator it sorts by, a configuration before its dictionaries, a server before its wrapper).
     */
    private static final List<ObjectKind> DROP_ORDER = List.of(ObjectKind.OPERATOR_CLASS, ObjectKind.OPERATOR_FAMILY,
            ObjectKind.AGGREGATE, ObjectKind.OPERATOR, ObjectKind.CAST, ObjectKind.CONVERSION, ObjectKind.USER_MAPPING,
            ObjectKind.SERVER, ObjectKind.FOREIGN_DATA_WRAPPER, ObjectKind.TEXT_SEARCH_CONFIGURATION,
            ObjectKind.TEXT_SEARCH_DICTIONARY, ObjectKind.COLLATION);

    @Override
    public void create(CatalogObject object, Plan plan) {
        plan.manual(object.path(), "not generated; create it as it was"
                + (object.definition() == null ? "" : " (" + object.definition() + ")"));
    }

    @Override
    public void drop(CatalogObject object, Plan plan) {
        Phase phase = switch (object.kind()) {
            case FOREIGN_TABLE -> Phase.DROP_TABLE;
            case TEXT_SEARCH_CONFIGURATION, TEXT_SEARCH_DICTIONARY, COLLATION -> Phase.DROP_COLLATION;
            default -> Phase.DROP_OPERATOR;
        };
        plan.addRanked(phase, DROP_ORDER.indexOf(object.kind()), Targets.drop(object));
    }

    @Override
    public void alter(CatalogObject from, CatalogObject to, Pending changed, Plan plan) {
        if (changed.take("definition")) {
            plan.manual(to.path(), to.definition() == null ? "not generated; change it back to its defaults"
                    : "not generated; change it to " + to.definition());
        }
    }
}
