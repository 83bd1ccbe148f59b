package io.github.migrationtest.verifier.snapshot;

import java.util.Map;

/**
 * A function or procedure, named by its identity arguments ({@code public.f(integer, text)}),
 * with the attributes a migration can change one by one and its body as written.
 */
public record Routine(
        String schema,
        String name,
        String identityArguments,
        boolean procedure,
        String arguments,
        String result,
        String language,
        boolean window,
        String volatility,
        boolean strict,
        boolean securityDefiner,
        boolean leakproof,
        String parallel,
        String cost,
        String rows,
        String settings,
        String body,
        String comment,
        String grants) implements SchemaMember {

    @Override
    public ObjectKind kind() {
        return procedure ? ObjectKind.PROCEDURE : ObjectKind.FUNCTION;
    }

    @Override
    public String qualifiedName() {
        return Identifiers.qualify(schema, name) + "(" + identityArguments + ")";
    }

    @Override
    public Map<String, String> properties() {
        return new Props()
                .put("arguments", arguments)
                .put("returns", result)
                .put("language", language)
                .flag("window", window)
                .put("volatility", volatility)
                .flag("strict", strict)
                .flag("security definer", securityDefiner)
                .flag("leakproof", leakproof)
                .put("parallel", parallel)
                .put("cost", cost)
                .put("rows", rows)
                .put("settings", settings)
                .put("body", body)
                .put("comment", comment)
                .put("grants", grants)
                .build();
    }

    static Routine read(Identifiers.Split name, boolean procedure, PropertyReader p) {
        String rest = name.rest();
        if (!rest.startsWith("(") || !rest.endsWith(")")) {
            throw new IllegalArgumentException("expected an argument list in parentheses after the name");
        }
        return new Routine(name.part(0, "routine"), name.part(1, "routine"), rest.substring(1, rest.length() - 1),
                procedure, p.get("arguments"), p.get("returns"), p.require("language"), p.flag("window"),
                p.get("volatility"), p.flag("strict"), p.flag("security definer"), p.flag("leakproof"),
                p.get("parallel"), p.get("cost"), p.get("rows"), p.get("settings"), p.get("body"),
                p.get("comment"), p.get("grants"));
    }
}
