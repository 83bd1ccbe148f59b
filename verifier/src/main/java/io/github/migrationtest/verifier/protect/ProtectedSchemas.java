package io.github.migrationtest.verifier.protect;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The schemas the migrations must leave alone, as the user wrote them: names or globs ({@code *}
 * any run of characters, {@code ?} one), matched whole and case-sensitively against schema names as
 * Postgres stores them (unquoted names are lower case). A comma separates several in one value.
 */
public final class ProtectedSchemas {

    private static final Pattern ALLOWED = Pattern.compile("[^\\s,\"]+");

    private final List<String> globs;

    private ProtectedSchemas(List<String> globs) {
        this.globs = List.copyOf(globs);
    }

    /**
     * Parses the values given ({@code --protect legacy --protect "billing_*,audit"}).
     *
     * @throws IllegalArgumentException naming the value and what is allowed, for an empty entry or one
     *     with spaces or quotes
     */
    public static ProtectedSchemas parse(List<String> values) {
        Set<String> globs = new LinkedHashSet<>();
        for (String value : values) {
            for (String entry : value.split(",", -1)) {
                String glob = entry.strip();
                if (!ALLOWED.matcher(glob).matches()) {
                    throw new IllegalArgumentException("protected schema '" + entry + "' in '" + value + "' is not a"
                            + " schema name or glob: give names as Postgres stores them (legacy, billing_*), without"
                            + " quotes or spaces, separated by commas");
                }
                globs.add(glob);
            }
        }
        return new ProtectedSchemas(new ArrayList<>(globs));
    }

    /** The globs as given, for messages: {@code legacy, billing_*}. */
    public String describe() {
        return String.join(", ", globs);
    }

    public List<String> globs() {
        return globs;
    }

    /** Each glob as a whole-name POSIX regular expression, as Postgres' {@code ~} takes it. */
    List<String> regexes() {
        return globs.stream().map(ProtectedSchemas::regex).toList();
    }

    /**
     * What protects nothing among {@code schemas}: each name without wildcards that is not one of them,
     * and, when no glob matches any, the globs too. A glob ({@code billing_*}) may rightly match nothing
     * where the environment has none of its schemas; a misspelt name would silently protect nothing.
     */
    List<String> unmatched(List<String> schemas) {
        List<String> unmatched = new ArrayList<>();
        boolean anyMatch = false;
        for (String glob : globs) {
            Pattern pattern = Pattern.compile(regex(glob));
            boolean matches = schemas.stream().anyMatch(schema -> pattern.matcher(schema).matches());
            anyMatch |= matches;
            if (!matches && glob.indexOf('*') < 0 && glob.indexOf('?') < 0) {
                unmatched.add(glob);
            }
        }
        return anyMatch ? unmatched : globs;
    }

    private static String regex(String glob) {
        StringBuilder regex = new StringBuilder("^");
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Character.isLetterOrDigit(c) || c == '_' ? String.valueOf(c) : "\\" + c);
            }
        }
        return regex.append('$').toString();
    }
}
