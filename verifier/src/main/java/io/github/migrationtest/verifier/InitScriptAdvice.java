package io.github.migrationtest.verifier;

import io.github.migrationtest.verifier.snapshot.Identifiers;

/**
 * The words of a fix that moves what the deployment provides into an init script, shared by the failure
 * explanations that give it ({@link MissingDeploymentObject}, {@link MissingExtensionObject},
 * {@link UntrustedExtension}), so that they name the option and the annotation alike.
 */
final class InitScriptAdvice {

    /** Where init scripts are given, on the command line and in the JUnit extension. */
    static final String WHERE = "an init script (--init, @MigrationTest(initScripts))";

    private InitScriptAdvice() {
    }

    /** {@code CREATE EXTENSION IF NOT EXISTS <name>;}, which a migration's own {@code IF NOT EXISTS} then finds. */
    static String createExtension(String name) {
        return "CREATE EXTENSION IF NOT EXISTS " + Identifiers.quote(name) + ";";
    }

    /** The fix's start: "Create extension x in an init script (CREATE ...), as your deployment does". */
    static String fix(String what, String create) {
        return "Create " + what + " in an init script (" + create + "), as your deployment does";
    }
}
