package io.github.migrationtest.verifier.fix;

import io.github.migrationtest.verifier.snapshot.CatalogObject;
import io.github.migrationtest.verifier.snapshot.Column;
import io.github.migrationtest.verifier.snapshot.CompositeType;
import io.github.migrationtest.verifier.snapshot.Constraint;
import io.github.migrationtest.verifier.snapshot.DatabaseSetting;
import io.github.migrationtest.verifier.snapshot.DefaultPrivileges;
import io.github.migrationtest.verifier.snapshot.DomainType;
import io.github.migrationtest.verifier.snapshot.EnumType;
import io.github.migrationtest.verifier.snapshot.EventTrigger;
import io.github.migrationtest.verifier.snapshot.Extension;
import io.github.migrationtest.verifier.snapshot.Index;
import io.github.migrationtest.verifier.snapshot.Policy;
import io.github.migrationtest.verifier.snapshot.Publication;
import io.github.migrationtest.verifier.snapshot.RangeType;
import io.github.migrationtest.verifier.snapshot.Routine;
import io.github.migrationtest.verifier.snapshot.Rule;
import io.github.migrationtest.verifier.snapshot.Schema;
import io.github.migrationtest.verifier.snapshot.SchemaObject;
import io.github.migrationtest.verifier.snapshot.Sequence;
import io.github.migrationtest.verifier.snapshot.Statistics;
import io.github.migrationtest.verifier.snapshot.Table;
import io.github.migrationtest.verifier.snapshot.Trigger;
import io.github.migrationtest.verifier.snapshot.View;
import java.util.Map;

/** The {@link ObjectSql} for each kind of snapshot object. */
final class Generators {
    private static final Map<Class<? extends SchemaObject>, ObjectSql<?>> BY_TYPE = Map.ofEntries(
            Map.entry(Extension.class, new ExtensionSql()),
            Map.entry(EventTrigger.class, new EventTriggerSql()),
            Map.entry(DatabaseSetting.class, new DatabaseSettingSql()),
            Map.entry(DefaultPrivileges.class, new DefaultPrivilegesSql()),
            Map.entry(Publication.class, new PublicationSql()),
            Map.entry(Schema.class, new SchemaSql()),
            Map.entry(Table.class, new TableSql()),
            Map.entry(Column.class, new ColumnSql()),
            Map.entry(Constraint.class, new ConstraintSql()),
            Map.entry(Index.class, new IndexSql()),
            Map.entry(Statistics.class, new StatisticsSql()),
            Map.entry(Trigger.class, new TriggerSql()),
            Map.entry(Rule.class, new RuleSql()),
            Map.entry(Policy.class, new PolicySql()),
            Map.entry(Sequence.class, new SequenceSql()),
            Map.entry(View.class, new ViewSql()),
            Map.entry(Routine.class, new RoutineSql()),
            Map.entry(EnumType.class, new EnumSql()),
            Map.entry(DomainType.class, new DomainSql()),
            Map.entry(CompositeType.class, new CompositeSql()),
            Map.entry(RangeType.class, new RangeSql()),
            Map.entry(CatalogObject.class, new CatalogObjectSql()));

    private Generators() {
    }

    /** The generator for the object's kind; the map covers every permitted {@link SchemaObject} record. */
    @SuppressWarnings("unchecked")
    static <T extends SchemaObject> ObjectSql<T> of(T object) {
        ObjectSql<?> generator = BY_TYPE.get(object.getClass());
        if (generator == null) {
            throw new IllegalStateException("no SQL generator for " + object.getClass().getSimpleName());
        }
        return (ObjectSql<T>) generator;
    }
}
