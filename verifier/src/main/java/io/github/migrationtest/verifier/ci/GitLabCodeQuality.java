package io.github.migrationtest.verifier.ci;

import com.google.gson.GsonBuilder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Failures as GitLab's Code Quality report ({@code artifacts: reports: codequality}): a JSON array with
 * one issue per failure, {@code description}, {@code check_name}, {@code fingerprint}, {@code severity}
 * and {@code location.path} / {@code location.lines.begin}. The fingerprint depends only on the check,
 * the revision and the file, so GitLab matches an issue across pipelines (new, resolved, unchanged).
 */
public final class GitLabCodeQuality {

    /** A failed verification breaks the build: above a linter's warning, below a security hole. */
    static final String SEVERITY = "major";

    private GitLabCodeQuality() {
    }

    /**
     * @param history the history's location: where an issue no one file is to blame for is shown (GitLab
     *     needs a path for every issue)
     */
    public static String render(List<CiFailure> failures, String history) {
        List<Map<String, Object>> issues = failures.stream().map(failure -> issue(failure, history)).toList();
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(issues) + "\n";
    }

    private static Map<String, Object> issue(CiFailure failure, String history) {
        String path = failure.file().orElse(history);
        Map<String, Object> issue = new LinkedHashMap<>();
        issue.put("description", failure.message());
        issue.put("check_name", "migrationtest." + failure.check().name());
        issue.put("fingerprint", fingerprint(failure, path));
        issue.put("severity", SEVERITY);
        Map<String, Object> location = new LinkedHashMap<>();
        location.put("path", path);
        // GitLab needs a line: the file's first when the failure is the whole file's (a downgrade that restores too little).
        location.put("lines", Map.of("begin", Math.max(1, failure.line())));
        issue.put("location", location);
        return issue;
    }

    /** SHA-256 of what identifies the failure, never of its text: differences and timings vary between runs. */
    static String fingerprint(CiFailure failure, String path) {
        String identity = failure.check().name() + "\n" + failure.revision().orElse("") + "\n" + path;
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
