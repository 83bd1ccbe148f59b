package io.github.migrationtest.verifier;

import io.github.migrationtest.verifier.source.MigrationFailure;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A statement holding Go template actions: gobuffalo/pop renders every SQL migration as a {@code text/template} before
 * it runs it, so GoTrue (Supabase Auth) and its forks write {@code CREATE TABLE {{ index .Options "Namespace" }}.users},
 * and Ory's popx fills in {@code {{ if .IsPostgreSQL }}}. migrationtest runs the files as written, and Postgres stops at
 * the first brace with a syntax error, which was told to be fixed. Recognised by where Postgres stopped and an action in
 * the statement, so a brace that is only a mistake is not mistaken for one.
 */
final class GoTemplate {

    private static final String SYNTAX_ERROR = "42601";
    private static final String AT_BRACE = "syntax error at or near \"{\"";
    private static final Pattern ACTION = Pattern.compile("\\{\\{.*?}}", Pattern.DOTALL);

    private GoTemplate() {
    }

    /** The failure with the hint and fix, when the statement is a Go template's; else empty. */
    static Optional<MigrationFailure> explain(MigrationFailure failure) {
        if (!failure.sqlState().equals(SYNTAX_ERROR) || !failure.message().startsWith(AT_BRACE)) {
            return Optional.empty();
        }
        Matcher action = ACTION.matcher(failure.statement());
        if (!action.find()) {
            return Optional.empty();
        }
        return Optional.of(failure.withHint("This statement holds a Go template action (" + action.group() + "): its"
                        + " migration tool renders the file before running it (gobuffalo/pop and GoTrue fill in"
                        + " .Options \"Namespace\", Ory's popx .IsPostgreSQL), and migrationtest runs SQL files as written")
                .withFix("Render the templates into plain SQL, with the values your deployment gives them, in a copy of"
                        + " the folder and verify that; the statement at " + failure.location() + " is not the mistake"));
    }
}
