package io.github.migrationtest.bench;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import org.postgresql.PGConnection;

/**
 * The SQL a migration source sends, written down as a psql script: a connection that forwards to a
 * real one and writes every statement it runs, with the transactions around them ({@code BEGIN} where
 * JDBC opens one, {@code COMMIT} or {@code ROLLBACK} where it ends it), so psql replays exactly what
 * the verifier's own reading of the history runs, statement for statement, failures included.
 */
final class PsqlScript {

    private final StringBuilder text = new StringBuilder();
    private boolean autoCommit = true;
    private boolean open;
    private int statements;

    /** What {@code connection} is asked to run from now on is written to this script. */
    Connection recording(Connection connection) {
        return proxy(Connection.class, connection, (method, args) -> {
            switch (method.getName()) {
                case "setAutoCommit" -> {
                    if ((Boolean) args[0] && open) {
                        end("COMMIT");
                    }
                    autoCommit = (Boolean) args[0];
                }
                case "commit" -> end("COMMIT");
                case "rollback" -> {
                    if (args != null) {
                        throw new UnsupportedOperationException("savepoints are not written to the psql script");
                    }
                    end("ROLLBACK");
                }
                case "unwrap" -> {
                    if (args[0] == PGConnection.class) {
                        throw new UnsupportedOperationException("COPY FROM STDIN is not written to the psql script");
                    }
                }
                default -> {
                }
            }
            Object result = forward(method, connection, args);
            if (method.getName().equals("createStatement") && result instanceof Statement statement) {
                return proxy(Statement.class, statement, (m, a) -> {
                    if (m.getName().startsWith("execute") && a != null && a.length == 1 && a[0] instanceof String sql) {
                        statement(sql);
                    }
                    return forward(m, statement, a);
                });
            }
            return result;
        });
    }

    /**
     * Goes on in another database, named by the psql variable {@code variable}: the verifier's walk
     * rebuilt the state there after a round trip that left it wrong.
     */
    void reconnect(String variable) {
        if (open) {
            throw new IllegalStateException("a transaction is open");
        }
        text.append("\\connect :").append(variable).append('\n');
    }

    String text() {
        if (open) {
            end("COMMIT");
        }
        return text.toString();
    }

    int statements() {
        return statements;
    }

    private void statement(String sql) {
        if (!autoCommit && !open) {
            text.append("BEGIN;\n");
            open = true;
        }
        statements++;
        text.append(sql);
        // A statement may end in a line comment: the terminator goes on a line of its own then.
        text.append(sql.strip().endsWith(";") ? "\n" : "\n;\n");
    }

    private void end(String command) {
        if (open) {
            text.append(command).append(";\n");
            open = false;
        }
    }

    private interface Call {
        Object invoke(Method method, Object[] args) throws Throwable;
    }

    private static <T> T proxy(Class<T> type, T target, Call call) {
        InvocationHandler handler = (p, method, args) -> call.invoke(method, args);
        return type.cast(Proxy.newProxyInstance(PsqlScript.class.getClassLoader(), new Class<?>[] {type}, handler));
    }

    private static Object forward(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
