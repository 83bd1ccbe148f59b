package io.github.migrationtest.verifier.safety;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether changing a column from one type to another (as {@code format_type} spells them) can lose or
 * reject values: a shorter length, a smaller precision or scale, a smaller integer, a date from a
 * timestamp, or a conversion out of text or across families that not every value survives.
 * Anything to an unbounded string type ({@code text}, {@code varchar}, {@code citext}) keeps every value as
 * its text, and so does a bounded one long enough for the source type's longest text (an integer, a bounded
 * numeric, a boolean, a uuid), and {@code jsonb} to {@code json} too (jsonb's output is valid json); {@code json} to {@code jsonb}
 * does not: jsonb rejects {@code \u0000} and keeps one of duplicate keys. An enum's values are its labels, so a
 * bounded string type long enough for every label holds them all.
 */
final class TypeNarrowing {

    private enum Family { TEXT, INTEGER, NUMERIC, FLOAT, TIMESTAMP, DATE, JSON, OTHER }

    private record Type(Family family, int rank, Integer length, Integer scale, String base) {
    }

    private static final Pattern MODIFIERS = Pattern.compile("^([a-z ]+)\\s*(?:\\((\\d+)(?:,\\s*(\\d+))?\\))?(.*)$");
    /**
     * citext as format_type spells it while the snapshots read with only pg_catalog on the search path: qualified
     * by the schema its extension was created in ({@code public.citext}, {@code extensions.citext}).
     */
    private static final Pattern EXTENSION_CITEXT = Pattern.compile("^(?:\"[^\"]+\"|[a-z_][a-z0-9_$]*)\\.citext(\\[\\])?$");
    private static final List<String> INTEGERS = List.of("smallint", "integer", "bigint");
    /** Decimal digits each integer type holds. */
    private static final int[] INTEGER_DIGITS = {5, 10, 19};
    /** The longest text of each integer type: its minimum, -32768, -2147483648, -9223372036854775808. */
    private static final int[] INTEGER_TEXT = {6, 11, 20};

    private TypeNarrowing() {
    }

    static boolean narrows(String from, String to) {
        if (from == null || to == null || from.equals(to)) {
            return false;
        }
        if (from.endsWith("[]") && to.endsWith("[]")) {
            return narrows(from.substring(0, from.length() - 2), to.substring(0, to.length() - 2));
        }
        Type a = parse(from);
        Type b = parse(to);
        if (a.family() == Family.TEXT) {
            return b.family() != Family.TEXT || shorter(a.length(), b.length());
        }
        if (b.family() == Family.TEXT) {
            Integer longest = longestText(a);
            return b.length() != null && (longest == null || longest > b.length());
        }
        return switch (a.family()) {
            case INTEGER -> switch (b.family()) {
                case INTEGER -> b.rank() < a.rank();
                case NUMERIC -> b.length() != null && b.length() - zero(b.scale()) < INTEGER_DIGITS[a.rank()];
                case FLOAT -> a.rank() == 2 || b.rank() == 0;
                default -> true;
            };
            // Fewer digits before the point can overflow, fewer after it round.
            case NUMERIC -> b.family() != Family.NUMERIC
                    || (b.length() != null && (a.length() == null
                        || b.length() - zero(b.scale()) < a.length() - zero(a.scale())
                        || zero(b.scale()) < zero(a.scale())));
            case FLOAT -> b.family() != Family.FLOAT || b.rank() < a.rank();
            case TIMESTAMP -> b.family() != Family.TIMESTAMP || shorter(a.length(), b.length());
            case DATE -> b.family() != Family.DATE && b.family() != Family.TIMESTAMP;
            case JSON -> !(a.base().equals("jsonb") && b.base().equals("json"));
            default -> a.family() != b.family() || !a.base().equals(b.base());
        };
    }

    /**
     * Whether changing a column from the enum {@code from} (with its {@code labels}, as they were before the change)
     * to {@code to} can lose or reject values: to a bounded string type only when a label is longer than its bound.
     */
    static boolean narrows(String from, List<String> labels, String to) {
        return stringType(from, to) ? !tooLong(from, labels, to).isEmpty() : narrows(from, to);
    }

    /**
     * The labels of the enum {@code from} that do not fit in {@code to} when both are scalars (or both arrays) and
     * {@code to} is a bounded string type; none otherwise.
     */
    static List<String> tooLong(String from, List<String> labels, String to) {
        if (!stringType(from, to)) {
            return List.of();
        }
        Integer bound = parse(element(to)).length();
        return bound == null ? List.of()
                : labels.stream().filter(label -> label.codePointCount(0, label.length()) > bound).toList();
    }

    /** Whether {@code to} is a string type and {@code from} an array exactly when {@code to} is. */
    private static boolean stringType(String from, String to) {
        return from.endsWith("[]") == to.endsWith("[]") && parse(element(to)).family() == Family.TEXT;
    }

    private static String element(String type) {
        return type.endsWith("[]") ? type.substring(0, type.length() - 2) : type;
    }

    /**
     * The most characters a value of the type takes as text, where that is bounded and the same on every server
     * (not dates: their text follows DateStyle and grows with the year); null otherwise.
     */
    private static Integer longestText(Type type) {
        return switch (type.family()) {
            case INTEGER -> INTEGER_TEXT[type.rank()];
            // A sign, the digits, and for a scale the point and a leading zero when every digit is after it.
            case NUMERIC -> type.length() == null ? null : zero(type.scale()) == 0 ? type.length() + 1
                    : 2 + Math.max(type.length() - type.scale(), 1) + type.scale();
            default -> switch (type.base()) {
                case "boolean" -> 5; // false
                case "uuid" -> 36;
                default -> null;
            };
        };
    }

    private static boolean shorter(Integer was, Integer is) {
        return is != null && (was == null || is < was);
    }

    private static int zero(Integer value) {
        return value == null ? 0 : value;
    }

    private static Type parse(String type) {
        String spelled = type.strip().toLowerCase(java.util.Locale.ROOT);
        Matcher citext = EXTENSION_CITEXT.matcher(spelled);
        if (citext.matches()) {
            spelled = citext.group(1) == null ? "citext" : "citext[]";
        }
        Matcher m = MODIFIERS.matcher(spelled);
        if (!m.matches()) {
            return new Type(Family.OTHER, 0, null, null, type);
        }
        String base = (m.group(1).strip() + m.group(4)).strip();
        Integer length = m.group(2) == null ? null : Integer.valueOf(m.group(2));
        Integer scale = m.group(3) == null ? null : Integer.valueOf(m.group(3));
        if (base.endsWith("[]")) {
            return new Type(Family.OTHER, 0, length, scale, base);
        }
        if (base.equals("text") || base.startsWith("character varying") || base.equals("character")
                || base.equals("varchar") || base.equals("bpchar") || base.equals("citext")) {
            return new Type(Family.TEXT, 0, base.equals("text") || base.equals("citext") ? null : length, null, base);
        }
        if (base.equals("json") || base.equals("jsonb")) {
            return new Type(Family.JSON, 0, null, null, base);
        }
        if (INTEGERS.contains(base)) {
            return new Type(Family.INTEGER, INTEGERS.indexOf(base), null, null, base);
        }
        if (base.equals("numeric")) {
            return new Type(Family.NUMERIC, 0, length, scale, base);
        }
        if (base.equals("real") || base.equals("double precision")) {
            return new Type(Family.FLOAT, base.equals("real") ? 0 : 1, null, null, base);
        }
        if (base.startsWith("timestamp")) {
            return new Type(Family.TIMESTAMP, 0, length, null, base);
        }
        if (base.equals("date")) {
            return new Type(Family.DATE, 0, null, null, base);
        }
        return new Type(Family.OTHER, 0, length, scale, base);
    }
}
