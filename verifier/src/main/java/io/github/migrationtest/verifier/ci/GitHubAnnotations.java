package io.github.migrationtest.verifier.ci;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Failures as GitHub Actions annotations: an {@code ::error} workflow command per failure, on the file and
 * line to fix, shown on the pull request's diff. GitHub shows at most {@value #SHOWN_PER_STEP} error
 * annotations of a step (and 50 of a job); beyond that a notice says how many more the log holds.
 */
public final class GitHubAnnotations {

    /** Error annotations GitHub shows per step; the rest are dropped without a word, so we say it. */
    public static final int SHOWN_PER_STEP = 10;

    private GitHubAnnotations() {
    }

    /** Whether this is a GitHub Actions run: the runner sets {@code GITHUB_ACTIONS=true}. */
    public static boolean enabled(Map<String, String> environment) {
        return "true".equals(environment.get("GITHUB_ACTIONS"));
    }

    /** The workflow commands, one a line: the first {@value #SHOWN_PER_STEP} failures, and a notice for the rest. */
    public static List<String> render(List<CiFailure> failures) {
        List<String> lines = new ArrayList<>();
        for (CiFailure failure : failures.subList(0, Math.min(SHOWN_PER_STEP, failures.size()))) {
            Map<String, String> properties = new LinkedHashMap<>();
            properties.put("file", failure.file().orElse(null));
            properties.put("line", failure.line() > 0 ? String.valueOf(failure.line()) : null);
            properties.put("title", "migrationtest: " + failure.title());
            lines.add(WorkflowCommands.command("error", properties, failure.message()));
        }
        int rest = failures.size() - SHOWN_PER_STEP;
        if (rest > 0) {
            lines.add(WorkflowCommands.command("notice", Map.of("title", "migrationtest: " + rest + " more failures"),
                    rest + (rest == 1 ? " more failure is" : " more failures are") + " not annotated (GitHub shows "
                            + SHOWN_PER_STEP + " error annotations per step): see this step's log or the job summary"));
        }
        return lines;
    }
}
