package io.github.migrationtest.junit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/** Runs test case classes through the real Jupiter engine, as a build would. */
final class Kit {

    private Kit() {
    }

    /** Runs the classes with configuration parameters given as key, value, key, value... */
    static EngineExecutionResults run(Class<?> testClass, String... parameters) {
        return run(new Class<?>[] {testClass}, parameters);
    }

    static EngineExecutionResults run(Class<?>[] testClasses, String... parameters) {
        return run(testClasses, false, parameters);
    }

    /** Also reads system properties and {@code junit-platform.properties}, as a build's launcher does. */
    static EngineExecutionResults runWithSystemProperties(Class<?> testClass, String... parameters) {
        return run(new Class<?>[] {testClass}, true, parameters);
    }

    private static EngineExecutionResults run(Class<?>[] testClasses, boolean implicitParameters, String... parameters) {
        Map<String, String> configuration = new HashMap<>();
        for (int i = 0; i < parameters.length; i += 2) {
            configuration.put(parameters[i], parameters[i + 1]);
        }
        var request = EngineTestKit.engine("junit-jupiter").configurationParameters(configuration)
                .enableImplicitConfigurationParameters(implicitParameters);
        for (Class<?> testClass : testClasses) {
            request = request.selectors(selectClass(testClass));
        }
        return request.execute();
    }

    /** What a run gave, and what it printed on standard error (the extension's notices and the log). */
    record Run(EngineExecutionResults results, String standardError) {
    }

    /**
     * Runs the classes, capturing standard error so that a test expecting a warning asserts it
     * rather than printing it into the build's output. slf4j-simple looks {@code System.err} up at
     * every write, so the log is captured too.
     */
    static Run runCapturingStandardError(Class<?> testClass, String... parameters) {
        return runCapturingStandardError(new Class<?>[] {testClass}, parameters);
    }

    static Run runCapturingStandardError(Class<?>[] testClasses, String... parameters) {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream stderr = System.err;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            EngineExecutionResults results = run(testClasses, parameters);
            return new Run(results, captured.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(stderr);
        }
    }

    /** Every test passed; otherwise fails with what each failed or aborted test said. */
    static void assertAllPassed(EngineExecutionResults results, int tests) {
        List<String> problems = results.allEvents().finished().stream()
                .filter(e -> e.getRequiredPayload(TestExecutionResult.class).getStatus() != TestExecutionResult.Status.SUCCESSFUL)
                .map(e -> e.getTestDescriptor().getDisplayName() + ": "
                        + e.getRequiredPayload(TestExecutionResult.class).getThrowable().map(Throwable::toString).orElse(""))
                .toList();
        assertThat(problems).as("tests that did not pass").isEmpty();
        results.testEvents().assertStatistics(stats -> stats.started(tests).succeeded(tests));
    }
}
