package io.github.migrationtest.verifier.source.alembic;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Supplier;

/**
 * The helpers of one source: one per step running at the same time (a walk in parts runs a few),
 * each started once and kept, since starting one costs Python's start-up and Alembic's reading of
 * every version file.
 */
final class HelperPool implements AutoCloseable {

    private final Supplier<PythonHelper> starter;
    private final ConcurrentLinkedDeque<PythonHelper> idle = new ConcurrentLinkedDeque<>();
    private final List<PythonHelper> all = new ArrayList<>();
    private boolean closed;

    HelperPool(Supplier<PythonHelper> starter) {
        this.starter = starter;
    }

    /** An idle helper, or a new one; give it back with {@link #release}. */
    PythonHelper acquire() {
        PythonHelper helper = idle.pollFirst();
        while (helper != null && !helper.isAlive()) {
            helper = idle.pollFirst();
        }
        if (helper != null) {
            return helper;
        }
        helper = starter.get();
        synchronized (all) {
            if (closed) {
                helper.close();
                throw new IllegalStateException("the Alembic source is closed");
            }
            all.add(helper);
        }
        return helper;
    }

    void release(PythonHelper helper) {
        if (helper.isAlive()) {
            idle.addFirst(helper);
        }
    }

    @Override
    public void close() {
        List<PythonHelper> started;
        synchronized (all) {
            closed = true;
            started = List.copyOf(all);
            all.clear();
        }
        idle.clear();
        started.forEach(PythonHelper::close);
    }
}
