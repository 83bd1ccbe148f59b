package io.github.migrationtest.verifier.safety;

import io.github.migrationtest.verifier.source.Direction;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code -- migrationtest:allow <FINDING> <reason>} comments of the scripts a step ran: each accepts
 * that finding, on purpose, anywhere in its file.
 */
final class Allowances {

    private static final Pattern ALLOW = Pattern.compile("--\\s*migrationtest:allow\\b[ \\t]*(\\S*)[ \\t]*(.*)$",
            Pattern.MULTILINE);

    private final Map<String, Map<Finding, String>> byFile = new HashMap<>();
    private final List<SafetyFinding> invalid = new ArrayList<>();

    /** Reads a script's comments; a comment naming no finding, or no reason, becomes a finding of its own. */
    void read(String file, String text, Direction direction) {
        if (text == null || !text.contains("migrationtest:allow") || byFile.containsKey(file)) {
            return;
        }
        Map<Finding, String> allowed = byFile.computeIfAbsent(file, f -> new EnumMap<>(Finding.class));
        Matcher matcher = ALLOW.matcher(text);
        while (matcher.find()) {
            int line = 1 + (int) text.substring(0, matcher.start()).chars().filter(c -> c == '\n').count();
            Optional<Finding> finding = Findings.named(matcher.group(1));
            String reason = matcher.group(2).strip();
            if (finding.isEmpty() || reason.isEmpty()) {
                String what = finding.isEmpty() ? "names no known finding ('" + matcher.group(1) + "'); known: "
                        + Findings.names() : "gives no reason for allowing " + finding.get().name();
                invalid.add(new SafetyFinding(Finding.INVALID_ALLOW_COMMENT, direction, file, line, "",
                        "the allow comment " + what, Evidence.STATEMENT, ""));
            } else {
                allowed.put(finding.get(), reason);
            }
        }
    }

    /** The finding, accepted when its file allows it. */
    SafetyFinding apply(SafetyFinding found) {
        String reason = byFile.getOrDefault(found.file(), Map.of()).get(found.finding());
        return reason == null ? found : found.allow(reason);
    }

    List<SafetyFinding> invalid() {
        return invalid;
    }
}
