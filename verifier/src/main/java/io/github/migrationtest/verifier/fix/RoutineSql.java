package io.github.migrationtest.verifier.fix;

import io.github.migrationtest.verifier.snapshot.Routine;
import io.github.migrationtest.verifier.snapshot.Table;
import io.github.migrationtest.verifier.snapshot.View;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Functions and procedures, written back from the parts the snapshot keeps (the same parts
 * {@code pg_get_functiondef} assembles). A changed body or attribute is a {@code CREATE OR
 * REPLACE}; a changed result type or argument list (names, defaults) cannot be replaced and is
 * dropped and created.
 */
final class RoutineSql implements ObjectSql<Routine> {
    /** Where one {@code name=value} of {@code proconfig} starts in its comma-joined form. */
    private static final Pattern SETTING_START = Pattern.compile("^[A-Za-z_][A-Za-z0-9_.]*=.*", Pattern.DOTALL);

    @Override
    public void create(Routine routine, Plan plan) {
        if (!isWritable(routine, plan)) {
            return;
        }
        Phase phase = addDefinition(routine, "CREATE ", plan);
        Annotations.created(routine, phase, plan);
    }

    @Override
    public void drop(Routine routine, Plan plan) {
        if (tiedToViews(routine, plan)) {
            plan.addRanked(Phase.DROP_VIEW, -plan.viewDepth(routine, plan.from()), Targets.drop(routine));
        } else {
            plan.add(tiedToTables(routine, plan) ? Phase.DROP_ATOMIC_ROUTINE : Phase.DROP_ROUTINE,
                    Targets.drop(routine));
        }
    }

    /**
     * Adds the routine's definition where it runs: a routine tied to views among the views, by how deep it stacks on
     * them (after the views it names, before the views that call it, which are deeper again); the others in their
     * phase. Returns the phase for what follows the definition: for one among the views, comments and grants go after
     * all of them, since there statements go by depth and a comment must not overtake its routine.
     */
    private static Phase addDefinition(Routine routine, String start, Plan plan) {
        if (tiedToViews(routine, plan)) {
            plan.addRanked(Phase.CREATE_VIEW, plan.viewDepth(routine, plan.to()), definition(start, routine));
            return Phase.ANNOTATE;
        }
        Phase phase = tiedToTables(routine, plan) ? Phase.CREATE_ATOMIC_ROUTINE : Phase.CREATE_ROUTINE;
        plan.add(phase, definition(start, routine));
        return phase;
    }

    @Override
    public void alter(Routine from, Routine to, Pending changed, Plan plan) {
        if (replaceIfChanged(from, to, changed, plan, "returns", "arguments", "window")) {
            return;
        }
        boolean replaced = false;
        for (String property : List.of("body", "language", "volatility", "strict", "security definer", "leakproof",
                "parallel", "cost", "rows", "settings")) {
            replaced |= changed.take(property);
        }
        if (replaced && isWritable(to, plan)) {
            addDefinition(to, "CREATE OR REPLACE ", plan);
        }
    }

    private static boolean isWritable(Routine routine, Plan plan) {
        if (routine.language().equals("c")) {
            plan.manual(routine.path(), "a C function's library file is not in the snapshot; write it by hand");
            return false;
        }
        return true;
    }

    private static String definition(String create, Routine routine) {
        StringBuilder sql = new StringBuilder(create).append(Targets.keyword(routine)).append(' ')
                .append(Sql.name(routine.schema(), routine.name())).append('(')
                .append(routine.arguments() == null ? "" : routine.arguments()).append(')');
        if (routine.result() != null) {
            sql.append(" RETURNS ").append(routine.result());
        }
        List<String> attributes = new ArrayList<>();
        attributes.add("LANGUAGE " + routine.language());
        if (routine.window()) {
            attributes.add("WINDOW");
        }
        // Postgres's defaults are left out, as pg_get_functiondef does; a replacement resets to them.
        if (routine.volatility() != null && !routine.volatility().equals("volatile")) {
            attributes.add(routine.volatility().toUpperCase(Locale.ROOT));
        }
        if (routine.strict()) {
            attributes.add("STRICT");
        }
        if (routine.securityDefiner()) {
            attributes.add("SECURITY DEFINER");
        }
        if (routine.leakproof()) {
            attributes.add("LEAKPROOF");
        }
        if (routine.parallel() != null && !routine.parallel().equals("unsafe")) {
            attributes.add("PARALLEL " + routine.parallel().toUpperCase(Locale.ROOT));
        }
        if (routine.cost() != null && !routine.cost().equals(defaultCost(routine))) {
            attributes.add("COST " + routine.cost());
        }
        if (routine.rows() != null && !routine.rows().equals("1000")) {
            attributes.add("ROWS " + routine.rows());
        }
        sql.append("\n    ").append(String.join(" ", attributes));
        settings(routine.settings()).forEach(setting -> sql.append("\n    SET ").append(setting));
        String body = routine.body() == null ? "" : routine.body();
        sql.append('\n').append(isAtomic(routine) ? body : "AS " + Sql.dollarQuoted(body));
        return sql.toString();
    }

    /** What Postgres sets when no {@code COST} is given: 1 for C and internal functions, 100 for the rest. */
    private static String defaultCost(Routine routine) {
        return routine.language().equals("internal") || routine.language().equals("c") ? "1" : "100";
    }

    /**
     * {@code SET} clauses from {@code proconfig} as the snapshot joins it ({@code search_path=app,
     * pg_temp, work_mem=64MB}). A list setting's value keeps its commas and stays unquoted, since
     * Postgres stored it already parsed; any other value is quoted, as {@code 64MB} would not parse.
     */
    private static List<String> settings(String joined) {
        List<String> settings = new ArrayList<>();
        if (joined == null) {
            return settings;
        }
        List<String> entries = new ArrayList<>();
        for (String piece : joined.split(", ")) {
            if (SETTING_START.matcher(piece).matches() || entries.isEmpty()) {
                entries.add(piece);
            } else {
                entries.set(entries.size() - 1, entries.get(entries.size() - 1) + ", " + piece);
            }
        }
        for (String entry : entries) {
            int equals = entry.indexOf('=');
            String name = entry.substring(0, equals);
            String value = entry.substring(equals + 1);
            boolean list = value.contains(", ") || name.equals("search_path");
            settings.add(name + " = " + (list ? value : Sql.literal(value)));
        }
        return settings;
    }

    /**
     * Whether the body is SQL-standard ({@code RETURN ...} or {@code BEGIN ATOMIC ... END}), which
     * Postgres parses at once and ties to the tables it reads, so it must come after them.
     */
    static boolean isAtomic(Routine routine) {
        String body = routine.body();
        return routine.language().equals("sql") && body != null
                && (body.startsWith("RETURN ") || body.startsWith("BEGIN ATOMIC"));
    }

    /**
     * Whether the routine must come after the tables and views it names (created after, dropped before): its
     * SQL-standard body reads one, or its arguments or result are a table's or view's row type ({@code f(r
     * public."RateLimit")}, hatchet-goose), which Postgres ties to the relation whatever the body. A SQL-standard body
     * that reads no relation ({@code RETURN length(x) > 0}) ties it to nothing but types and functions, as a string
     * body would: it goes with the other routines, before the checks, indexes and defaults that call it are made and
     * after they are dropped.
     */
    private static boolean tiedToTables(Routine routine, Plan plan) {
        String named = relationText(routine);
        return Stream.of(plan.from(), plan.to()).flatMap(side -> side.objects().stream())
                .filter(o -> o instanceof Table || o instanceof View)
                .anyMatch(relation -> Mentions.mentions(named, Targets.name(relation)));
    }

    /**
     * Whether the routine must come after the views it names (created after, dropped before): a view's row type is in
     * its arguments or result ({@code read_delta(...) RETURNS SETOF current_log}, RIPE NCC's rpki-publication-server),
     * or its SQL-standard body reads the view. The phases of tables come before the views', so such a routine would
     * otherwise be dropped after its view, which Postgres refuses, and created before it. It goes among the views, by
     * depth ({@link Mentions#depths}), since a view may in turn call it.
     */
    private static boolean tiedToViews(Routine routine, Plan plan) {
        String named = relationText(routine);
        return Stream.of(plan.from(), plan.to()).flatMap(side -> side.objects(View.class).stream())
                .anyMatch(view -> Mentions.mentions(named, Targets.name(view)));
    }

    /** The text of the routine that names relations it is tied to: its arguments, result and SQL-standard body. */
    static String relationText(Routine routine) {
        return Objects.toString(routine.arguments(), "") + " " + Objects.toString(routine.result(), "")
                + (isAtomic(routine) ? " " + routine.body() : "");
    }
}
