package io.github.migrationtest.verifier.fix;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Turns one object's privileges as the snapshot writes them ({@code PUBLIC: EXECUTE; reader:
 * SELECT, UPDATE WITH GRANT OPTION}) into the fewest {@code GRANT} and {@code REVOKE} statements
 * that lead from one list to the other, grantee by grantee.
 */
final class Grants {
    private static final String GRANT_OPTION = " WITH GRANT OPTION";

    private Grants() {
    }

    /**
     * @param target what follows {@code ON}: {@code TABLE public.users}
     * @param column the column the privileges are on, or {@code null} for the whole object
     */
    static void change(String target, String column, String from, String to, Phase phase, Plan plan) {
        change("", target, column, from, to, phase, plan);
    }

    /**
     * @param prefix what comes before each {@code GRANT} and {@code REVOKE}: {@code ALTER DEFAULT PRIVILEGES IN SCHEMA s }
     */
    static void change(String prefix, String target, String column, String from, String to, Phase phase, Plan plan) {
        Map<String, Map<String, Boolean>> before = parse(from);
        Map<String, Map<String, Boolean>> after = parse(to);
        Set<String> grantees = new LinkedHashSet<>(before.keySet());
        grantees.addAll(after.keySet());
        for (String grantee : grantees) {
            Map<String, Boolean> had = before.getOrDefault(grantee, Map.of());
            Map<String, Boolean> wants = after.getOrDefault(grantee, Map.of());
            String on = " ON " + target;
            statement(prefix + "REVOKE ", privileges(had, p -> !wants.containsKey(p), column),
                    on + " FROM " + grantee, phase, plan);
            statement(prefix + "REVOKE GRANT OPTION FOR ", privileges(had,
                    p -> had.get(p) && !wants.getOrDefault(p, true), column), on + " FROM " + grantee, phase, plan);
            statement(prefix + "GRANT ", privileges(wants, p -> !had.containsKey(p) && !wants.get(p), column),
                    on + " TO " + grantee, phase, plan);
            statement(prefix + "GRANT ", privileges(wants, p -> wants.get(p) && !had.getOrDefault(p, false), column),
                    on + " TO " + grantee + GRANT_OPTION, phase, plan);
        }
    }

    private static void statement(String verb, String privileges, String rest, Phase phase, Plan plan) {
        if (!privileges.isEmpty()) {
            plan.add(phase, verb + privileges + rest);
        }
    }

    private static String privileges(Map<String, Boolean> privileges, Predicate<String> which, String column) {
        return privileges.keySet().stream().filter(which).map(p -> column == null ? p : p + " (" + column + ")")
                .collect(Collectors.joining(", "));
    }

    /** Grantee to privilege to whether it comes with the grant option; a grantee may be a quoted name. */
    static Map<String, Map<String, Boolean>> parse(String text) {
        Map<String, Map<String, Boolean>> grants = new LinkedHashMap<>();
        if (text == null) {
            return grants;
        }
        int i = 0;
        while (i < text.length()) {
            int colon = granteeEnd(text, i);
            String grantee = text.substring(i, colon);
            int end = text.indexOf("; ", colon);
            end = end < 0 ? text.length() : end;
            Map<String, Boolean> privileges = new LinkedHashMap<>();
            for (String privilege : text.substring(colon + 2, end).split(", ")) {
                boolean option = privilege.endsWith(GRANT_OPTION);
                privileges.put(option ? privilege.substring(0, privilege.length() - GRANT_OPTION.length()) : privilege,
                        option);
            }
            grants.put(grantee, privileges);
            i = end + 2;
        }
        return grants;
    }

    /** Where the grantee's name ends: at the first {@code :} outside double quotes. */
    private static int granteeEnd(String text, int start) {
        boolean quoted = false;
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ':' && !quoted) {
                return i;
            }
        }
        throw new IllegalArgumentException("not a grant list: " + text);
    }
}
