package io.github.migrationtest.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Repeats an action and reports the median, which is less noisy than the mean on a shared machine. */
final class Measure {

    interface Action {
        void run() throws Exception;
    }

    private Measure() {
    }

    static double medianMillis(int runs, Action action) throws Exception {
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            action.run();
            times.add((System.nanoTime() - start) / 1e6);
        }
        Collections.sort(times);
        return times.get(times.size() / 2);
    }

    static double onceMillis(Action action) throws Exception {
        return medianMillis(1, action);
    }

    static void row(String what, double millis) {
        System.out.printf("| %-52s | %10.1f |%n", what, millis);
    }

    static void header(String title) {
        System.out.printf("%n%s%n%n| %-52s | %10s |%n|%s|%s|%n", title, "measure", "median ms", "-".repeat(54), "-".repeat(12));
    }
}
