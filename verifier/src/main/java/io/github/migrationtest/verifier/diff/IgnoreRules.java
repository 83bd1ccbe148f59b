package io.github.migrationtest.verifier.diff;

import io.github.migrationtest.verifier.snapshot.SchemaObject;
import java.util.List;
import java.util.regex.Pattern;

/** The ignore patterns of {@link DiffOptions}, compiled. */
final class IgnoreRules {
    private record Rule(Pattern path, String property) {
        boolean matches(SchemaObject object) {
            return path.matcher(object.path()).matches() || path.matcher(object.qualifiedName()).matches()
                    || (object.parentPath() != null && path.matcher(object.parentPath()).matches());
        }
    }

    private final List<Rule> rules;

    IgnoreRules(List<String> patterns) {
        this.rules = patterns.stream().map(IgnoreRules::compile).toList();
    }

    private static Rule compile(String pattern) {
        int hash = pattern.lastIndexOf('#');
        String glob = hash < 0 ? pattern : pattern.substring(0, hash);
        String property = hash < 0 ? null : pattern.substring(hash + 1);
        return new Rule(glob(glob), property);
    }

    /** A glob as a regular expression: {@code *} is any text (dots included), {@code ?} one character. */
    static Pattern glob(String glob) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char c : glob.toCharArray()) {
            if (c == '*' || c == '?') {
                if (literal.length() > 0) {
                    regex.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                regex.append(c == '*' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        if (literal.length() > 0) {
            regex.append(Pattern.quote(literal.toString()));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    boolean isEmpty() {
        return rules.isEmpty();
    }

    boolean ignoresObject(SchemaObject object) {
        return rules.stream().anyMatch(rule -> rule.property() == null && rule.matches(object));
    }

    boolean ignoresProperty(SchemaObject object, String property) {
        return rules.stream().anyMatch(rule -> property.equals(rule.property()) && rule.matches(object));
    }
}
