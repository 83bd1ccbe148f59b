package io.github.migrationtest.verifier;

import io.github.migrationtest.verifier.report.CheckResult;
import io.github.migrationtest.verifier.report.RevisionReport;
import io.github.migrationtest.verifier.source.Revision;

/** Hears about a verification while it runs, e.g. to print a line per revision. */
public interface ProgressListener {

    ProgressListener NONE = new ProgressListener() { };

    default void revisionStarted(Revision revision, int index, int count) {
    }

    default void revisionFinished(RevisionReport report, int index, int count) {
    }

    default void historyCheckFinished(CheckResult result) {
    }
}
