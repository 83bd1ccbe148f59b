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
    private volatile boolean keep;
    private volatile boolean closed;

    DisposableDatabase(PostgresServer server, String name, ServerEndpoint endpoint) {
        this.server = server;
        this.name = name;
        this.endpoint = endpoint;
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
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(jdbcUrl());
        if (user() != null) {
            dataSource.setUser(user());
        }
        if (password() != null) {
            dataSource.setPassword(password());
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
