package io.github.migrationtest.verifier.safety;

import io.github.migrationtest.verifier.source.Direction;
import java.util.Objects;

/**
 * One finding, attributed to where it happened.
 *
 * @param finding which claim
 * @param direction the upgrade or the downgrade
 * @param file the file, as the user names it; empty when the step ran inside a tool that does not say
 * @param line 1-based line of the statement; 0 when only the step as a whole is known (a schema diff)
 * @param object the relation, column or type concerned ({@code public.users}, {@code public.users.email})
 * @param detail what was seen, in one line
 * @param evidence how it was established
 * @param allowedBecause the reason of the {@code -- migrationtest:allow} comment that accepts it; empty when none does
 */
public record SafetyFinding(Finding finding, Direction direction, String file, int line, String object, String detail,
                            Evidence evidence, String allowedBecause) {

    public SafetyFinding {
        Objects.requireNonNull(finding, "finding");
        file = file == null ? "" : file;
        object = object == null ? "" : object;
        detail = detail == null ? "" : detail;
        allowedBecause = allowedBecause == null ? "" : allowedBecause;
    }

    /**
     * {@code file:line}, the file alone when the line is not known, the direction when neither is, or
     * {@code head schema} for a lint finding.
     */
    public String location() {
        if (evidence == Evidence.LINT) {
            return "head schema";
        }
        if (file.isEmpty()) {
            return direction == Direction.UP ? "upgrade" : "downgrade";
        }
        return line > 0 ? file + ":" + line : file;
    }

    public boolean allowed() {
        return !allowedBecause.isEmpty();
    }

    SafetyFinding allow(String reason) {
        return new SafetyFinding(finding, direction, file, line, object, detail, evidence, reason);
    }
}
