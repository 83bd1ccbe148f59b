package io.github.migrationtest.verifier;

import io.github.migrationtest.verifier.source.MigrationFailure;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A statement that uses a type, function or operator class of a well-known extension no revision before it creates
 * ({@code uuid_generate_v4()}, {@code citext}, {@code gin_trgm_ops}): where the deployment creates the extension (a
 * platform, a DBA, a Docker image's init), the history is not broken and the extension belongs in an init script.
 * Only names that come from one extension are recognised, so the hint never guesses.
 */
final class MissingExtensionObject {

    /** What Postgres says about a missing type, function (its arguments vary) or operator class; the name last. */
    private static final List<Pattern> MISSING = List.of(
            Pattern.compile("type \"(?:[^\"]+\\.)?([^\".]+)\" does not exist"),
            Pattern.compile("function (?:\\w+\\.)?(\\w+)\\(.*\\) does not exist"),
            Pattern.compile("operator class \"(?:[^\"]+\\.)?([^\".]+)\" does not exist"));
    /** An exclusion constraint over a scalar column (`EXCLUDE USING gist (room WITH =, ...)`). */
    private static final Pattern NO_GIST_CLASS = Pattern.compile(
            "data type \\S+ has no default operator class for access method \"gist\"");

    private static final Map<String, String> EXTENSION_OF = Map.ofEntries(
            Map.entry("uuid_generate_v1", "uuid-ossp"), Map.entry("uuid_generate_v1mc", "uuid-ossp"),
            Map.entry("uuid_generate_v3", "uuid-ossp"), Map.entry("uuid_generate_v4", "uuid-ossp"),
            Map.entry("uuid_generate_v5", "uuid-ossp"), Map.entry("uuid_nil", "uuid-ossp"),
            Map.entry("gen_random_bytes", "pgcrypto"), Map.entry("gen_salt", "pgcrypto"), Map.entry("crypt", "pgcrypto"),
            Map.entry("digest", "pgcrypto"), Map.entry("hmac", "pgcrypto"), Map.entry("pgp_sym_encrypt", "pgcrypto"),
            Map.entry("pgp_sym_decrypt", "pgcrypto"),
            Map.entry("citext", "citext"), Map.entry("hstore", "hstore"),
            Map.entry("ltree", "ltree"), Map.entry("lquery", "ltree"), Map.entry("ltxtquery", "ltree"),
            Map.entry("gin_trgm_ops", "pg_trgm"), Map.entry("gist_trgm_ops", "pg_trgm"),
            Map.entry("similarity", "pg_trgm"), Map.entry("word_similarity", "pg_trgm"),
            Map.entry("unaccent", "unaccent"),
            Map.entry("levenshtein", "fuzzystrmatch"), Map.entry("soundex", "fuzzystrmatch"),
            Map.entry("metaphone", "fuzzystrmatch"), Map.entry("dmetaphone", "fuzzystrmatch"),
            Map.entry("cube", "cube"), Map.entry("ll_to_earth", "earthdistance"), Map.entry("earth_distance", "earthdistance"),
            Map.entry("crosstab", "tablefunc"),
            Map.entry("gin__int_ops", "intarray"), Map.entry("gist__int_ops", "intarray"),
            Map.entry("geometry", "postgis"), Map.entry("geography", "postgis"), Map.entry("box2d", "postgis"),
            Map.entry("vector", "vector"), Map.entry("halfvec", "vector"), Map.entry("sparsevec", "vector"),
            Map.entry("vector_cosine_ops", "vector"), Map.entry("vector_l2_ops", "vector"),
            Map.entry("vector_ip_ops", "vector"),
            // by_range and by_hash are create_hypertable's dimension builders (TimescaleDB 2.13): Postgres names the
            // innermost unknown function of create_hypertable('t', by_range('time')), by_range.
            Map.entry("create_hypertable", "timescaledb"), Map.entry("by_range", "timescaledb"),
            Map.entry("by_hash", "timescaledb"), Map.entry("time_bucket", "timescaledb"),
            Map.entry("add_continuous_aggregate_policy", "timescaledb"),
            Map.entry("add_retention_policy", "timescaledb"), Map.entry("add_compression_policy", "timescaledb"),
            Map.entry("set_chunk_time_interval", "timescaledb"));

    private MissingExtensionObject() {
    }

    /** The failure with the hint and fix, when what it misses comes from a well-known extension; else empty. */
    static Optional<MigrationFailure> explain(MigrationFailure failure) {
        if (NO_GIST_CLASS.matcher(failure.message()).find()) {
            return Optional.of(explained(failure, "an equality operator class for gist", "btree_gist"));
        }
        for (Pattern missing : MISSING) {
            Matcher matcher = missing.matcher(failure.message());
            if (matcher.find()) {
                String name = matcher.group(1).toLowerCase(Locale.ROOT);
                String extension = name.startsWith("st_") ? "postgis" : EXTENSION_OF.get(name);
                return extension == null ? Optional.empty() : Optional.of(explained(failure, name, extension));
            }
        }
        return Optional.empty();
    }

    private static MigrationFailure explained(MigrationFailure failure, String what, String extension) {
        String create = InitScriptAdvice.createExtension(extension);
        return failure.withHint(what + " comes from extension " + extension + ", which no revision before this statement"
                        + " creates (or which is in a schema that is not on the search_path). If your deployment creates"
                        + " it, create it in " + InitScriptAdvice.WHERE + ": " + create)
                .withFix(InitScriptAdvice.fix("extension " + extension, create) + ", or in a migration before "
                        + failure.location());
    }
}
