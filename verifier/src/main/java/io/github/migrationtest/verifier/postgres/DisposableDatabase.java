package io.github.migrationtest.verifier.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/** A fresh database of its own, dropped on {@link #close()} unless {@link #keep() kept} for inspection. */
public final class DisposableDatabase implements AutoCloseable {

    private final PostgresServer server;
    private final String name;
    private final ServerEndpoint endpoint;
    /** How the migrations connect: a role without superuser by default (see {@link MigrationLogin}). */
    private final ServerEndpoint migrations;
    private volatile boolean keep;
    private volatile boolean closed;

    DisposableDatabase(PostgresServer server, String name, ServerEndpoint endpoint, ServerEndpoint migrations) {
        this.server = server;
        this.name = name;
        this.endpoint = endpoint;
        this.migrations = migrations;
    }

    /** The database's name, e.g. {@code migrationtest_1a2b3c4d_7}. */
    public String name() {
        return name;
    }

    public String jdbcUrl() {
        return endpoint.jdbcUrl(name);
    }

    public String user() {
        return endpoint.user();
    }

    public String password() {
        return endpoint.password();
    }

    /** A new connection, owned by the caller. */
    public Connection connect() throws SQLException {
        return endpoint.connect(name);
    }

    /** A data source that opens a new connection each time; there is no pool to close. */
    public DataSource dataSource() {
        return dataSource(endpoint);
    }

    /**
     * A new connection as the migrations' login, owned by the caller: the run's own role without
     * superuser by default. Snapshots and administration use {@link #connect()}.
     */
    public Connection connectForMigrations() throws SQLException {
        return migrations.connect(name);
    }

    /** {@link #dataSource()} as the migrations' login. */
    public DataSource migrationsDataSource() {
        return dataSource(migrations);
    }

    /** The migrations' login's password, for a tool that opens connections of its own (Alembic). */
    public String migrationsPassword() {
        return migrations.password();
    }

    /** The user the migrations log in as. */
    public String migrationsUser() {
        return migrations.user();
    }

    private DataSource dataSource(ServerEndpoint login) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(login.jdbcUrl(name));
        if (login.user() != null) {
            dataSource.setUser(login.user());
        }
        if (login.password() != null) {
            dataSource.setPassword(login.password());
        }
        dataSource.setApplicationName("migrationtest");
        return dataSource;
    }

    /** The server this database lives on. */
    public PostgresServer server() {
        return server;
    }

    /** Keeps the database (and the server it is on) when closed, and logs how to connect to it. */
    public void keep() {
        keep = true;
    }

    public boolean isKept() {
        return keep;
    }

    /** How a person connects to this database with psql. */
    public String connectionHint() {
        String url = jdbcUrl().replaceFirst("^jdbc:", "");
        return String.format("psql '%s%s'", url, user() == null ? "" : (url.contains("?") ? "&" : "?") + "user=" + user());
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.release(this);
    }

    @Override
    public String toString() {
        return "database " + name + " on " + server.description();
    }
}
