package io.github.migrationtest.verifier;

import io.github.migrationtest.verifier.postgres.PostgresServer;
import io.github.migrationtest.verifier.report.CheckResult;
import io.github.migrationtest.verifier.report.RevisionReport;
import io.github.migrationtest.verifier.source.Revision;

/** Hears about a verification while it runs, e.g. to print a line per revision. */
public interface ProgressListener {

    ProgressListener NONE = new ProgressListener() { };

    /**
     * Before the first revision: in how many parts the history is walked at once, each on a database
     * of its own, and why on one when more were allowed (empty otherwise).
     */
    default void walkPlanned(int parts, String note) {
    }

    default void revisionStarted(Revision revision, int index, int count) {
    }

    default void revisionFinished(RevisionReport report, int index, int count) {
    }

    default void historyCheckFinished(CheckResult result) {
    }

    /**
     * A server of its own was started for a part of the walk (a history with server-wide changes): its
     * databases run the history's statements too, e.g. for a watch of the long ones.
     */
    default void serverStarted(PostgresServer server) {
    }

    /** A server {@link #serverStarted} announced is about to stop. */
    default void serverStopping(PostgresServer server) {
    }
}
