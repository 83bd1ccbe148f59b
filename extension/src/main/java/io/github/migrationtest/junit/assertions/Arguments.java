package io.github.migrationtest.junit.assertions;

import java.util.Arrays;
import java.util.List;

/** Compares a function's argument list as a user writes it with the catalog's identity arguments. */
final class Arguments {

    private Arguments() {
    }

    /**
     * Whether {@code written} ({@code bigint, text}) names the same arguments as {@code identity}
     * ({@code owner bigint, label text}): compared whole, or with each argument's name left out.
     */
    static boolean matches(String written, String identity) {
        List<String> wanted = split(written);
        List<String> actual = split(identity);
        if (wanted.equals(actual)) {
            return true;
        }
        List<String> types = actual.stream().map(Arguments::withoutName).toList();
        List<String> unnamed = actual.stream().map(a -> a.replaceFirst("^(in|out|inout|variadic) ", "")).toList();
        return wanted.equals(types) || wanted.equals(unnamed);
    }

    private static List<String> split(String arguments) {
        return arguments.isBlank() ? List.of()
                : Arrays.stream(arguments.split(",")).map(a -> TypeNames.canonical(a.trim())).toList();
    }

    /** {@code owner bigint} and {@code IN owner bigint} are {@code bigint}. */
    private static String withoutName(String argument) {
        String rest = argument.replaceFirst("^(in|out|inout|variadic) ", "");
        int space = rest.indexOf(' ');
        return space < 0 ? rest : TypeNames.canonical(rest.substring(space + 1));
    }
}
