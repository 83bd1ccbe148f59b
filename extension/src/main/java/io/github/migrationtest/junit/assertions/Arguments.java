package io.github.migrationtest.junit.assertions;

import java.util.Arrays;
import java.util.List;

/** Compares a function's argument list as a user writes it with the catalog's identity arguments. */
final class Arguments {

    private static final String MODE = "^(?i)(in|out|inout|variadic) ";

    private Arguments() {
    }

    /**
     * Whether {@code written} ({@code bigint, timestamptz} or {@code owner bigint, since timestamptz})
     * names the same arguments as {@code identity} ({@code owner bigint, since timestamp with time zone}).
     */
    static boolean matches(String written, String identity) {
        List<String> wanted = split(written);
        List<String> actual = split(identity);
        if (wanted.size() != actual.size()) {
            return false;
        }
        for (int i = 0; i < wanted.size(); i++) {
            if (!sameArgument(wanted.get(i), actual.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameArgument(String wanted, String actual) {
        String bare = actual.replaceFirst(MODE, "");
        int space = bare.indexOf(' ');
        String type = space < 0 ? bare : bare.substring(space + 1);
        if (TypeNames.same(wanted, bare) || TypeNames.same(wanted, type)) {
            return true;
        }
        int wantedSpace = wanted.indexOf(' ');
        return space > 0 && wantedSpace > 0 && wanted.substring(0, wantedSpace).equalsIgnoreCase(bare.substring(0, space))
                && TypeNames.same(wanted.substring(wantedSpace + 1), type);
    }

    private static List<String> split(String arguments) {
        return arguments.isBlank() ? List.of() : Arrays.stream(arguments.split(",")).map(String::trim).toList();
    }
}
