package io.github.migrationtest.junit;

import io.github.migrationtest.verifier.postgres.PostgresSettings;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ExtensionContext.Store;

/**
 * Where the extension keeps its state: the server in the root store (one per run and settings),
 * the history in the class's store, a database in the class's or the method's store.
 */
final class Stores {

    private static final Namespace NAMESPACE = Namespace.create(MigrationTestExtension.class);
    // A store lookup also searches the parent stores: so that a method does not take its class's
    // database for its own, nor a @Nested class its enclosing class's history, keys name their scope.
    private static final String HISTORY = "history";
    private static final String CLASS_DATABASE = "class database";
    private static final String METHOD_DATABASE = "method database";

    private Stores() {
    }

    private record ServerKey(PostgresSettings settings) {
    }

    /** A key for something a test class has of its own. */
    record ClassKey(String what, Class<?> testClass) {
        static ClassKey of(String what, ExtensionContext context) {
            return new ClassKey(what, classContext(context).getRequiredTestClass());
        }
    }

    /** The class's history, opened (and its configuration checked) on first use. */
    static HistoryUnderTest history(ExtensionContext context) {
        ExtensionContext classContext = classContext(context);
        return store(classContext).getOrComputeIfAbsent(ClassKey.of(HISTORY, classContext), key -> {
            ProjectPaths paths = ProjectPaths.forClassLoader(classContext.getRequiredTestClass().getClassLoader());
            MigrationTestConfig config = ConfigReader.read(classContext, paths);
            config.spring().ifPresent(spring -> classContext.publishReportEntry("migrationtest", spring.describe()));
            return HistoryUnderTest.open(config, paths, () -> server(classContext, config.postgres()));
        }, HistoryUnderTest.class);
    }

    private static RunServer server(ExtensionContext context, PostgresSettings settings) {
        return store(context.getRoot()).getOrComputeIfAbsent(new ServerKey(settings), key -> {
            RunServer run = RunServer.start(settings);
            ServerNotices.tell(context, run.server().notices());
            return run;
        }, RunServer.class);
    }

    /** The database a test in this context uses: its own, or its class's when configured or outside a test method. */
    static TestDatabase database(ExtensionContext context) {
        HistoryUnderTest history = history(context);
        boolean perMethod = !history.config().perClass() && context.getTestMethod().isPresent();
        ExtensionContext owner = perMethod ? context : classContext(context);
        Object key = perMethod ? METHOD_DATABASE : ClassKey.of(CLASS_DATABASE, context);
        return store(owner).getOrComputeIfAbsent(key, k -> history.newDatabase(), TestDatabase.class);
    }

    /** The databases a test in this context could have used: its own and its class's, where they exist. */
    static List<TestDatabase> databasesSeenBy(ExtensionContext context) {
        return Stream.of(METHOD_DATABASE, ClassKey.of(CLASS_DATABASE, context))
                .map(key -> store(context).get(key, TestDatabase.class))
                .filter(Objects::nonNull).toList();
    }

    static Store store(ExtensionContext context) {
        return context.getStore(NAMESPACE);
    }

    /** The context of the innermost test class; a test method's, dynamic test's or class's context leads to it. */
    static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext current = context;
        while (current.getTestMethod().isPresent() || current.getTestClass().isEmpty()) {
            current = current.getParent().orElseThrow(() -> new IllegalStateException(
                    "@MigrationTest works on test classes, not on " + context.getDisplayName()));
        }
        return current;
    }
}
