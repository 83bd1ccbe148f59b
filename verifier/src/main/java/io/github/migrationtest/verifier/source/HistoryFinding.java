package io.github.migrationtest.verifier.source;

import java.util.Objects;

/**
 * A problem with the history itself (its files or changelog), found without running anything.
 * Malformed input becomes a finding rather than an exception, so one run can list all of them.
 *
 * @param severity {@code ERROR} breaks the history ({@code HISTORY_IS_LINEAR} fails);
 *     {@code WARNING} is worth knowing (e.g. a revision without a downgrade); {@code NOTE} says how
 *     the history was read (a file the tool ignores, a step that runs no SQL)
 * @param kind what is wrong
 * @param file the file (or directory) concerned, as the user would name it
 * @param message what is wrong, in one sentence
 * @param fix what to do about it
 */
public record HistoryFinding(Severity severity, Kind kind, String file, String message, String fix) {

    /** How much a finding matters. */
    public enum Severity { ERROR, WARNING, NOTE }

    /** The kinds of problem a history can have. */
    public enum Kind {
        MISSING_LOCATION,
        NO_MIGRATIONS,
        UNREADABLE,
        MISSING_DOWNGRADE,
        DUPLICATE_VERSION,
        UNRECOGNISED_NAME,
        MIXED_CONVENTIONS,
        /** Not reported any more: an empty file is a legal no-op step ({@link #NO_OP_STEP}); kept for callers that name it. */
        EMPTY_FILE,
        NOT_UTF8,
        DOWNGRADE_WITHOUT_UPGRADE,
        UNSUPPORTED,
        INVALID_CHANGELOG,
        /** A file in the location that the migration tool itself would not run (a README, another database's file). */
        IGNORED_FILE,
        /** A step with no SQL to run (an empty file or section): legal, and judged by the round trip like any other. */
        NO_OP_STEP,
        /** A history with more than one head (Alembic branches never merged): no single head to upgrade to. */
        MULTIPLE_HEADS,
        /** A script with a NUL byte, which no statement may hold. */
        NUL_BYTE,
        /** A Flyway placeholder or Liquibase changelog parameter that no setting defines: the tool would fail or leave it. */
        UNDEFINED_PLACEHOLDER,
        /** A migration its tool refuses to read (dbmate's sections out of order, goose's statement without its end). */
        MALFORMED_MIGRATION
    }

    public HistoryFinding {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(message, "message");
        fix = fix == null ? "" : fix;
    }

    /** An error finding. */
    public static HistoryFinding error(Kind kind, String file, String message, String fix) {
        return new HistoryFinding(Severity.ERROR, kind, file, message, fix);
    }

    /** A warning finding. */
    public static HistoryFinding warning(Kind kind, String file, String message, String fix) {
        return new HistoryFinding(Severity.WARNING, kind, file, message, fix);
    }

    /** A note: how the history was read, never a problem. */
    public static HistoryFinding note(Kind kind, String file, String message) {
        return new HistoryFinding(Severity.NOTE, kind, file, message, "");
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** One line: {@code file: message; fix}. */
    @Override
    public String toString() {
        return file + ": " + message + (fix.isEmpty() ? "" : "; " + fix);
    }
}
