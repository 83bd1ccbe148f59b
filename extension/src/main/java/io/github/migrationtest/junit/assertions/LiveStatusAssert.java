package io.github.migrationtest.junit.assertions;

import io.github.migrationtest.verifier.live.LiveStatus;
import io.github.migrationtest.verifier.live.StatusText;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a live database's status ({@code LiveCheck.run}): {@code assertThat(status).isAtHead().hasNotDrifted()}.
 * A failure starts with the live database and ends with the whole status, differences and SQL included.
 */
public class LiveStatusAssert extends AbstractAssert<LiveStatusAssert, LiveStatus> {

    LiveStatusAssert(LiveStatus actual) {
        super(actual, LiveStatusAssert.class);
    }

    /** Recorded at head, nothing pending, unknown or failed, the schema that revision's (and the model's). */
    public LiveStatusAssert isInSync() {
        isNotNull();
        return check(actual.inSync(), "expected the live database in sync with the history");
    }

    /** Its tool's table records the history's last revision, with nothing pending, unknown or failed. */
    public LiveStatusAssert isAtHead() {
        isNotNull();
        return check(actual.bookkept() && !actual.behind() && actual.unknown().isEmpty() && actual.failed().isEmpty(),
                "expected the live database at the history's head");
    }

    /** Its tool's table records this revision (by id, or as the same version) as the last one. */
    public LiveStatusAssert isAtRevision(String id) {
        isNotNull();
        String revision = actual.revision();
        return check(actual.bookkept() && (revision.equals(id) || revision.startsWith(id + " (")),
                "expected the live database at revision " + id);
    }

    /** Its schema is that of the revision it is at (and the model's, when one was compared). */
    public LiveStatusAssert hasNotDrifted() {
        isNotNull();
        return check(!actual.drifted(), "expected the live schema to be that of its revision");
    }

    private LiveStatusAssert check(boolean holds, String expected) {
        if (!holds) {
            failWithMessage("[%s] %s, but it is %s%n%s", actual.live(), expected, actual.verdict(),
                    StatusText.render(actual).replace("%", "%%"));
        }
        return this;
    }
}
