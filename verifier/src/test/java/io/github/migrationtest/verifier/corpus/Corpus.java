package io.github.migrationtest.verifier.corpus;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real histories in {@code ../shared/corpus} (copied unchanged from public projects, several
 * GPL/AGPL, so read in place and never copied into this project). CI has them; where they are
 * absent, a test that needs one is skipped and says why.
 */
public final class Corpus {

    /** Where the build says the corpus is (see the verifier's pom); a plain run falls back to the usual place. */
    public static final String PROPERTY = "migrationtest.corpus";

    private Corpus() {}

    /** The corpus folder, whether or not it exists. */
    public static Path root() {
        String configured = System.getProperty(PROPERTY);
        Path root = configured != null ? Path.of(configured) : Path.of("..", "..", "shared", "corpus");
        return root.toAbsolutePath().normalize();
    }

    /**
     * A path inside one history of the corpus, e.g. {@code path("plume-diesel", "migrations/postgres")};
     * skips the calling test when it is absent.
     */
    public static Path path(String history, String inside) {
        Path path = root().resolve(history).resolve(inside);
        assumeTrue(Files.exists(path), () -> "the real history " + history + " is not at " + path
                + " (the corpus lives beside the clone, in ../shared/corpus; set -D" + PROPERTY + " to another place)");
        return path;
    }
}
