package io.github.migrationtest.verifier.source.jdbc;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Objects;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A DataSource over the caller's one connection, which ignores {@code close()}: a tool that wants a
 * DataSource (Flyway) works on the connection the caller gave, with its session settings, and
 * leaves it open for the caller.
 */
public final class SingleConnectionDataSource implements DataSource {

    private final Connection connection;
    private final Connection unclosable;

    public SingleConnectionDataSource(Connection connection) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.unclosable = (Connection) Proxy.newProxyInstance(
                SingleConnectionDataSource.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "close":
                            return null;
                        case "isClosed":
                            return connection.isClosed();
                        case "unwrap":
                            if (((Class<?>) args[0]).isInstance(proxy)) {
                                return proxy;
                            }
                            break;
                        default:
                            break;
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Override
    public Connection getConnection() {
        return unclosable;
    }

    @Override
    public Connection getConnection(String username, String password) {
        return unclosable;
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // Nothing is logged through the DataSource.
    }

    @Override
    public void setLoginTimeout(int seconds) {
        // The connection is already open.
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("no java.util.logging here");
    }

    @Override
    public <T> T unwrap(Class<T> type) throws java.sql.SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        return connection.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws java.sql.SQLException {
        return type.isInstance(this) || connection.isWrapperFor(type);
    }
}
