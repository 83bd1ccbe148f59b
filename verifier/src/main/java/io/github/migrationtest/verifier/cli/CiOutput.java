package io.github.migrationtest.verifier.cli;

import io.github.migrationtest.verifier.ci.CiFailure;
import io.github.migrationtest.verifier.ci.CiFailures;
import io.github.migrationtest.verifier.ci.GitHubAnnotations;
import io.github.migrationtest.verifier.report.VerificationReport;
import io.github.migrationtest.verifier.source.MigrationSource;
import java.io.PrintWriter;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** What the command line tells a CI system: annotations on GitHub Actions, paths relative to the checkout. */
final class CiOutput {

    private CiOutput() {
    }

    static List<CiFailure> failures(VerificationReport report, MigrationSource history) {
        return new CiFailures(history.revisions(), workspace(), Path.of("")).of(report);
    }

    /** On GitHub Actions, each failure again as an annotation on the file to fix. */
    static void annotate(PrintWriter out, List<CiFailure> failures) {
        if (GitHubAnnotations.enabled(System.getenv())) {
            GitHubAnnotations.render(failures).forEach(out::println);
        }
    }

    /** A location relative to the checkout, as GitLab shows paths. */
    static String shown(String location) {
        Optional<Path> workspace = workspace();
        try {
            Path path = Path.of(location).toAbsolutePath().normalize();
            return workspace.filter(path::startsWith).map(root -> root.relativize(path).toString()).orElse(location);
        } catch (InvalidPathException e) {
            return location;
        }
    }

    /** The repository's root, as GitHub Actions and GitLab CI name it. */
    private static Optional<Path> workspace() {
        return Optional.ofNullable(System.getenv("GITHUB_WORKSPACE")).or(() -> Optional.ofNullable(System.getenv("CI_PROJECT_DIR")))
                .filter(value -> !value.isBlank()).map(Path::of).map(path -> path.toAbsolutePath().normalize());
    }
}
