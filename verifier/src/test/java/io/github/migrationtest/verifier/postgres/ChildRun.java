package io.github.migrationtest.verifier.postgres;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A run in a JVM of its own, on this test's class path, so a test can kill it as a user would. */
final class ChildRun {

    private ChildRun() {
    }

    /** Starts {@code main} with the JVM options and arguments given; its output and errors go to one stream. */
    static Process start(List<String> jvmOptions, Class<?> main, String... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("-cp", System.getProperty("java.class.path")));
        command.addAll(jvmOptions);
        command.add(main.getName());
        command.addAll(List.of(arguments));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    /** The rest of the first line the run prints that starts with {@code prefix}; fails with all it printed if none. */
    static String lineAfter(Process run, String prefix) throws IOException {
        BufferedReader output = new BufferedReader(new InputStreamReader(run.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line; (line = output.readLine()) != null; ) {
            if (line.startsWith(prefix)) {
                return line.substring(prefix.length());
            }
            seen.append(line).append('\n');
        }
        throw new AssertionError("the run's JVM ended before printing '" + prefix + "':\n" + seen);
    }
}
