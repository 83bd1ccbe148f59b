package io.github.migrationtest.junit;

import io.github.migrationtest.verifier.report.VerificationReport;
import io.github.migrationtest.verifier.snapshot.SchemaSnapshot;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Checks a {@link MigrationTest} class's configuration before its tests run, and resolves the
 * parameters its tests ask for, creating the test's database on first use.
 */
final class MigrationTestExtension implements BeforeAllCallback, ParameterResolver {

    private static final List<Class<?>> SUPPORTED = List.of(DataSource.class, Connection.class, SchemaSnapshot.class,
            MigrationRunner.class, VerificationReport.class);
    /**
     * Parameters of these packages are claimed even when unsupported, so that asking for, say, a
     * {@code java.sql.Statement} gets a message saying what is supported instead of JUnit's
     * "No ParameterResolver registered".
     */
    private static final List<String> NEAR_MISS_PACKAGES = List.of("java.sql.", "javax.sql.", "org.postgresql.",
            "io.github.migrationtest.verifier.");

    @Override
    public void beforeAll(ExtensionContext context) {
        UnknownSettings.warnOnce(context);
        Stores.history(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return SUPPORTED.contains(type) || NEAR_MISS_PACKAGES.stream().anyMatch(type.getName()::startsWith);
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        if (!SUPPORTED.contains(type)) {
            throw new ParameterResolutionException(String.format(
                    "Can only resolve @MigrationTest parameters of type %s but was: %s",
                    SUPPORTED.stream().map(Class::getName).collect(Collectors.joining(", ")), type.getName()));
        }
        try {
            return resolve(type, parameter, context);
        } catch (ParameterResolutionException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ParameterResolutionException(String.format("Could not provide parameter [%s] of %s: %s",
                    parameter.getParameter(), parameter.getDeclaringExecutable().getName(), e.getMessage()), e);
        }
    }

    private static Object resolve(Class<?> type, ParameterContext parameter, ExtensionContext context) {
        if (type == VerificationReport.class) {
            return ClassVerification.report(context);
        }
        TestDatabase database = Stores.database(context);
        if (type == DataSource.class) {
            return database.database().dataSource();
        }
        if (type == Connection.class) {
            return connection(database, parameter, context);
        }
        if (type == SchemaSnapshot.class) {
            return database.runner().snapshot();
        }
        return database.runner();
    }

    /** A connection of the test's own, closed by JUnit with the store after the test. */
    private static Connection connection(TestDatabase database, ParameterContext parameter, ExtensionContext context) {
        try {
            Connection connection = database.database().connect();
            Stores.store(context).put(connection, connection); // the connection is its own key: unique per parameter
            return connection;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not connect to " + database.database() + ": " + e.getMessage(), e);
        }
    }
}
