package io.github.migrationtest.verifier;

import io.github.migrationtest.verifier.postgres.PostgresSettings;
import io.github.migrationtest.verifier.source.alembic.AlembicSettings;
import io.github.migrationtest.verifier.spring.SpringBootSettings;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Finds {@code migrationtest.*} names that no setting reads, each with the nearest known key: a
 * misspelt key is otherwise ignored without a word, and the run quietly uses the default.
 */
public final class UnknownKeys {

    /** What every key starts with. */
    public static final String PREFIX = "migrationtest.";
    /** The keys the verifier reads: Postgres provisioning and Alembic. */
    public static final List<String> VERIFIER_KEYS = List.of(PostgresSettings.BACKEND, PostgresSettings.VERSION,
            PostgresSettings.URL, PostgresSettings.USER, PostgresSettings.PASSWORD, PostgresSettings.IMAGE,
            PostgresSettings.EMBEDDED_BINARIES, PostgresSettings.EMBEDDED_ROOT, PostgresSettings.KEEP_FAILED,
            AlembicSettings.PYTHON_KEY, AlembicSettings.ENV_KEY, SpringBootSettings.PROFILES_KEY,
            PostgresSettings.MIGRATIONS_AS, PostgresSettings.MIGRATIONS_PASSWORD, PostgresSettings.SUPERUSER_MIGRATIONS);

    private static final String ENVIRONMENT_PREFIX = PostgresSettings.environmentName(PREFIX);

    private final List<String> known;
    private final int maxDistance;

    /**
     * @param maxDistance how far (in edits) a name may be from its nearest key to be reported; a
     *     command line that reads only some keys reports near misses only, since the others may
     *     belong to the JUnit extension in the same environment
     */
    public UnknownKeys(Collection<String> known, int maxDistance) {
        this.known = List.copyOf(known);
        this.maxDistance = maxDistance;
    }

    /** Warnings for the system properties and environment variables of this process. */
    public List<String> inThisProcess() {
        List<String> warnings = new ArrayList<>(keys(System.getProperties().stringPropertyNames(), "system property"));
        warnings.addAll(environment(System.getenv().keySet()));
        return warnings;
    }

    /** Warnings for keys (system properties, a properties file) that start with the prefix and are unknown. */
    public List<String> keys(Collection<String> names, String origin) {
        return warnings(names, PREFIX, Function.identity(), origin);
    }

    /** Warnings for environment variables ({@code MIGRATIONTEST_...}) that stand for no known key. */
    public List<String> environment(Collection<String> names) {
        return warnings(names, ENVIRONMENT_PREFIX, PostgresSettings::environmentName, "environment variable");
    }

    private List<String> warnings(Collection<String> names, String prefix, Function<String, String> spelling,
                                  String origin) {
        Map<String, String> spelt = known.stream().collect(Collectors.toMap(spelling, Function.identity(), (a, b) -> a));
        List<String> warnings = new ArrayList<>();
        for (String name : names.stream().filter(n -> n.startsWith(prefix)).sorted().toList()) {
            if (spelt.containsKey(name)) {
                continue;
            }
            String nearest = spelt.keySet().stream().min(Comparator.comparingInt((String k) -> distance(k, name))
                    .thenComparing(Comparator.naturalOrder())).orElseThrow();
            if (distance(nearest, name) > maxDistance) {
                continue;
            }
            String key = spelt.get(nearest);
            warnings.add(String.format("Unknown setting %s (%s) is ignored. Did you mean %s?", name, origin,
                    nearest.equals(key) ? key : nearest + " (" + key + ")"));
        }
        return warnings;
    }

    /** Edits (insert, delete, replace) between two names, case aside: keepfailed is one from keepFailed. */
    static int distance(String a, String b) {
        String x = a.toLowerCase(Locale.ROOT);
        String y = b.toLowerCase(Locale.ROOT);
        int[] previous = new int[y.length() + 1];
        int[] current = new int[y.length() + 1];
        for (int j = 0; j <= y.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= x.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= y.length(); j++) {
                int replace = previous[j - 1] + (x.charAt(i - 1) == y.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(replace, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        int edits = previous[y.length()];
        // Same letters in another case is still not the key (names are case-sensitive): count it as one edit.
        return edits == 0 && !a.equals(b) ? 1 : edits;
    }
}
