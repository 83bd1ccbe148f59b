package io.github.migrationtest.verifier.ci;

import io.github.migrationtest.verifier.report.Check;
import io.github.migrationtest.verifier.report.CheckResult;
import io.github.migrationtest.verifier.report.FailureText;
import io.github.migrationtest.verifier.report.RevisionReport;
import io.github.migrationtest.verifier.report.VerificationReport;
import io.github.migrationtest.verifier.source.Revision;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The failures of a report, each with the file and line a user fixes it in. */
public final class CiFailures {

    private final Map<String, Revision> revisions;
    private final Optional<Path> workspace;
    private final Path workingDirectory;

    /**
     * @param revisions the history's revisions, whose files a failure without a failing statement points at
     * @param workspace the repository's root ({@code GITHUB_WORKSPACE}, {@code CI_PROJECT_DIR}) that paths are
     *     made relative to, when known
     * @param workingDirectory what relative paths in the report are relative to
     */
    public CiFailures(List<Revision> revisions, Optional<Path> workspace, Path workingDirectory) {
        this.revisions = revisions.stream().collect(Collectors.toMap(Revision::id, Function.identity(), (a, b) -> a));
        this.workspace = workspace.map(w -> w.toAbsolutePath().normalize());
        this.workingDirectory = workingDirectory.toAbsolutePath().normalize();
    }

    /** Every failed check, history-wide ones first, in the order the command line prints them. */
    public List<CiFailure> of(VerificationReport report) {
        List<CiFailure> failures = new ArrayList<>();
        report.historyChecks().stream().filter(CheckResult::isFailed).forEach(result -> failures.add(failure(null, result)));
        for (RevisionReport revision : report.revisions()) {
            revision.checks().values().stream().filter(CheckResult::isFailed).forEach(result -> failures.add(failure(revision, result)));
        }
        return failures;
    }

    private CiFailure failure(RevisionReport revision, CheckResult result) {
        String message = revision == null ? FailureText.render(result) : FailureText.render(revision, result);
        String title = (revision == null ? "History" : "Revision " + revision.label()) + ": " + result.check().name();
        Optional<String> file;
        int line = 0;
        // A re-upgrade fails where the upgrade meets what the downgrade left: the fix is in the downgrade.
        if (result.error().isPresent() && !result.error().get().file().isBlank() && result.check() != Check.REUPGRADE_REPRODUCES_SCHEMA) {
            file = Optional.of(result.error().get().file());
            line = Math.max(0, result.error().get().line());
        } else {
            file = revision == null ? Optional.empty() : fileToFix(revision.id(), result.check());
        }
        return new CiFailure(result.check(), Optional.ofNullable(revision).map(RevisionReport::id), title, message,
                file.map(this::shown), line);
    }

    /**
     * The revision's file the fix goes in: its upgrade when the upgrade failed, else its downgrade (the
     * last of its files: a downgrade that does not restore the schema, or leaves what breaks a re-upgrade).
     */
    private Optional<String> fileToFix(String id, Check check) {
        Revision revision = revisions.get(id);
        if (revision == null || revision.files().isEmpty()) {
            return Optional.empty();
        }
        List<String> files = revision.files();
        return Optional.of(check == Check.UPGRADES_APPLY ? files.get(0) : files.get(files.size() - 1));
    }

    /** Relative to the workspace when inside it, so the CI system finds the file in the repository. */
    private String shown(String file) {
        try {
            Path path = Path.of(file);
            Path absolute = (path.isAbsolute() ? path : workingDirectory.resolve(path)).normalize();
            if (workspace.isPresent() && absolute.startsWith(workspace.get())) {
                return workspace.get().relativize(absolute).toString();
            }
            return path.isAbsolute() ? absolute.toString() : path.normalize().toString();
        } catch (InvalidPathException e) {
            return file; // a tool's own name for a step, such as a Liquibase changeset
        }
    }
}
