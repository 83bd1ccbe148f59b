package io.github.migrationtest.verifier.ci;

import io.github.migrationtest.verifier.report.Check;
import java.util.Optional;

/**
 * One failed check as a CI system shows it on a file: where to fix it, a short title and the whole
 * failure text.
 *
 * @param check the check that failed
 * @param revision the revision's id, or empty for a history-wide check
 * @param title one line: {@code Revision 3 (add email index): DOWNGRADE_RESTORES_SCHEMA}
 * @param message the failure as the command line prints it (several lines)
 * @param file the file to fix, relative to the workspace when it is inside it; empty when no one file is to blame
 * @param line the line to fix, 1-based; 0 when not known
 */
public record CiFailure(Check check, Optional<String> revision, String title, String message, Optional<String> file, int line) {}
