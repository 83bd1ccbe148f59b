package io.github.migrationtest.verifier;

import io.github.migrationtest.verifier.snapshot.SchemaMember;
import io.github.migrationtest.verifier.snapshot.SchemaSnapshot;
import io.github.migrationtest.verifier.snapshot.Sequence;
import io.github.migrationtest.verifier.snapshot.Table;
import io.github.migrationtest.verifier.snapshot.View;
import io.github.migrationtest.verifier.source.MigrationFailure;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An upgrade, run on the schema the revisions before it built, that names a table no revision made. Most often the
 * statement is wrong (a misspelt name, a migration out of order); sometimes the history starts from a schema made
 * outside it: a baseline restored from a dump, or an application that runs {@code metadata.create_all()} and {@code
 * alembic stamp} (fedora-infra/fmn). Both are said; the statement is not called the only culprit. Only where the
 * revisions before built the state: after a downgrade (a re-upgrade), a missing table is the downgrade's doing.
 */
final class MissingRelation {

    private static final String UNDEFINED_TABLE = "42P01";
    private static final Pattern MESSAGE = Pattern.compile("relation \"([^\"]+)\" does not exist");
    /** What Postgres says for a relation a statement names or drops: {@code table "user" does not exist}. */
    private static final Pattern ANY_RELATION = Pattern.compile(
            "(?:relation|table|view|materialized view|sequence|foreign table) \"([^\"]+)\" does not exist");
    /** Names at most this many edits apart are offered as the one meant. */
    private static final int NEAR = 2;

    private MissingRelation() {
    }

    /** The failure of an upgrade with the hint and fix, when it names a relation that does not exist; else empty. */
    static Optional<MigrationFailure> explainUpgrade(MigrationFailure failure) {
        Matcher matcher = MESSAGE.matcher(failure.message());
        if (!failure.sqlState().equals(UNDEFINED_TABLE) || !failure.fix().isEmpty() || !matcher.find()) {
            return Optional.empty();
        }
        return Optional.of(failure.withHint("No revision before this one creates " + matcher.group(1) + ". If the"
                        + " history starts from a schema made outside it (" + outsideMakers(failure) + "), that"
                        + " schema, as it was before the first revision, belongs in " + InitScriptAdvice.WHERE + ".")
                .withFix("Fix the statement at " + failure.location() + " (the name, or the order of the migrations), or"
                        + " give the schema the history starts from in an init script (--init)"));
    }

    /**
     * What makes a schema outside a history, in the words of its kind: an Alembic revision (a Python file) may follow
     * the application's {@code create_all}; SQL, Flyway and Liquibase histories start from a dump or the application.
     */
    private static String outsideMakers(MigrationFailure failure) {
        return failure.file().endsWith(".py")
                ? "a baseline restored from a dump, or the application's metadata.create_all() followed by alembic stamp"
                : "a baseline restored from a dump, or tables the application makes when it starts";
    }

    /**
     * The failure of a downgrade with a hint, when it names a relation that does not exist: either an earlier
     * statement of the downgrade dropped it (it was there when the downgrade started), or no relation has that name
     * (most often a misspelling of one the upgrade made, which is offered); else empty.
     *
     * @param upgraded the schema the downgrade started from (after the upgrade)
     * @param before the schema before the upgrade
     */
    static Optional<MigrationFailure> explainDowngrade(MigrationFailure failure, SchemaSnapshot upgraded,
            SchemaSnapshot before) {
        Matcher matcher = ANY_RELATION.matcher(failure.message());
        if (!failure.sqlState().equals(UNDEFINED_TABLE) || !failure.fix().isEmpty() || !matcher.find()) {
            return Optional.empty();
        }
        String missing = matcher.group(1);
        String name = missing.substring(missing.lastIndexOf('.') + 1);
        List<SchemaMember> relations = relations(upgraded).toList();
        if (relations.stream().anyMatch(relation -> relation.name().equals(name))) {
            return Optional.of(failure.withHint(missing + " was there when the downgrade started: a statement before this"
                    + " one in the downgrade dropped it (a CASCADE, or the drop of the table it belonged to)")
                    .withFix("Drop " + missing + " before what it depends on, or give the statement at "
                            + failure.location() + " IF EXISTS"));
        }
        Set<String> existedBefore = relations(before).map(SchemaMember::qualifiedName).collect(Collectors.toSet());
        List<String> made = relations.stream().map(SchemaMember::qualifiedName).filter(n -> !existedBefore.contains(n))
                .sorted().toList();
        Optional<String> meant = relations.stream().map(SchemaMember::name)
                .filter(candidate -> UnknownKeys.distance(candidate, name) <= NEAR)
                .min(Comparator.comparingInt((String candidate) -> UnknownKeys.distance(candidate, name))
                        .thenComparing(Comparator.naturalOrder()));
        String hint = "No relation named " + name + " exists when the downgrade starts"
                + (made.isEmpty() ? "" : "; this revision's upgrade made " + String.join(", ", made))
                + meant.map(m -> ". Did you mean " + m + "?").orElse("");
        return Optional.of(failure.withHint(hint).withFix("Fix the statement at " + failure.location()
                + meant.map(m -> " (" + name + " -> " + m + ")").orElse(" (the name)")));
    }

    private static Stream<SchemaMember> relations(SchemaSnapshot snapshot) {
        return Stream.of(Table.class, View.class, Sequence.class).flatMap(type -> snapshot.objects(type).stream());
    }
}
