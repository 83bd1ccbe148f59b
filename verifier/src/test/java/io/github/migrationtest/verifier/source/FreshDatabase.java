package io.github.migrationtest.verifier.source;

import io.github.migrationtest.verifier.postgres.DisposableDatabase;
import io.github.migrationtest.verifier.postgres.PostgresServer;
import java.sql.Connection;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** An empty database and an open connection for each test, dropped afterwards. */
public final class FreshDatabase implements BeforeEachCallback, AfterEachCallback {

    private DisposableDatabase database;
    private Connection connection;
    private SchemaProbe probe;

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        database = PostgresServer.shared().createDatabase();
        connection = database.connect();
        probe = new SchemaProbe(connection);
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        try {
            connection.close();
        } finally {
            database.close();
        }
    }

    public Connection connection() {
        return connection;
    }

    /** The password of {@link #connection()}'s user, for a source that opens connections of its own (Alembic). */
    public String password() {
        return database.password();
    }

    public DataSource dataSource() {
        return database.dataSource();
    }

    public SchemaProbe probe() {
        return probe;
    }
}
