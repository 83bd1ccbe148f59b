package io.github.migrationtest.verifier.source.jdbc;

import io.github.migrationtest.verifier.source.StatementListener;
import io.github.migrationtest.verifier.source.StatementListener.ExecutedStatement;
import io.github.migrationtest.verifier.source.script.SqlScript;
import io.github.migrationtest.verifier.source.script.SqlStatement;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A connection for a migration tool that runs the statements itself (the Flyway API, Liquibase): every
 * {@code execute}, {@code executeUpdate} and {@code executeBatch} of its statements is reported to the
 * listener, placed by an {@link Attribution} in the user's file, as the script runner reports its own.
 * What the attribution cannot place is the tool's bookkeeping and is not reported; neither are session
 * settings ({@code SET}, {@code SHOW}) nor {@code executeQuery} (the tools read through it, a migration's
 * change never does). The listener is told the connection this one wraps, which is the step's.
 */
public final class ListeningConnection {

    private static final Pattern SESSION_ONLY = Pattern.compile("^(SET|RESET|SHOW)\\b.*");
    private static final Pattern EXECUTING = Pattern.compile("execute|executeUpdate|executeLargeUpdate");
    private static final Pattern BATCH = Pattern.compile("executeBatch|executeLargeBatch");

    /** Where a statement the tool runs comes from in the user's files. */
    public interface Attribution {
        /**
         * The file and line of {@code sql}, which the tool is about to run; empty for the tool's own
         * bookkeeping, which is not reported.
         */
        Optional<Located> locate(String sql);
    }

    /** A file as the user names it, and the 1-based line where the statement starts in it. */
    public record Located(String file, int line) {
    }

    private final Connection target;
    private final Supplier<StatementListener> listener;
    private final Attribution attribution;

    private ListeningConnection(Connection target, Supplier<StatementListener> listener, Attribution attribution) {
        this.target = target;
        this.listener = listener;
        this.attribution = attribution;
    }

    /**
     * {@code target}, with the statements made through it reported to the listener {@code listener} gives
     * at the time (none while it gives {@link StatementListener#NONE}, at no cost).
     */
    public static Connection of(Connection target, Supplier<StatementListener> listener, Attribution attribution) {
        ListeningConnection listening = new ListeningConnection(target, listener, attribution);
        return proxy(Connection.class, listening::connectionCall);
    }

    private static <T> T proxy(Class<T> type, Handler handler) {
        InvocationHandler invocation = (proxy, method, args) -> handler.handle(proxy, method, args == null ? new Object[0] : args);
        return type.cast(Proxy.newProxyInstance(ListeningConnection.class.getClassLoader(), new Class<?>[] {type}, invocation));
    }

    private interface Handler {
        Object handle(Object proxy, Method method, Object[] args) throws Throwable;
    }

    private Object connectionCall(Object proxy, Method method, Object[] args) throws Throwable {
        switch (method.getName()) {
            case "createStatement":
                return statement(Statement.class, (Statement) invoke(target, method, args), proxy, null);
            case "prepareStatement":
                return statement(PreparedStatement.class, (Statement) invoke(target, method, args), proxy, (String) args[0]);
            case "prepareCall":
                return statement(CallableStatement.class, (Statement) invoke(target, method, args), proxy, (String) args[0]);
            case "unwrap":
                return ((Class<?>) args[0]).isInstance(proxy) ? proxy : invoke(target, method, args);
            case "isWrapperFor":
                return ((Class<?>) args[0]).isInstance(proxy) || (Boolean) invoke(target, method, args);
            default:
                return invoke(target, method, args);
        }
    }

    /** A statement of the tool's: {@code prepared} is the SQL of a prepared one, null for a plain one. */
    private <T extends Statement> T statement(Class<T> type, Statement delegate, Object connection, String prepared) {
        List<String> batch = new ArrayList<>();
        return proxy(type, (proxy, method, args) -> {
            String name = method.getName();
            if (name.equals("getConnection")) {
                return connection;
            }
            if (name.equals("addBatch")) {
                batch.add(args.length == 0 ? prepared : (String) args[0]);
            } else if (name.equals("clearBatch")) {
                batch.clear();
            } else if (BATCH.matcher(name).matches() && !batch.isEmpty()) {
                String sql = batch.stream().distinct().collect(Collectors.joining(";\n"));
                batch.clear();
                return reported(sql, () -> invoke(delegate, method, args));
            } else if (EXECUTING.matcher(name).matches()) {
                String sql = args.length == 0 ? prepared : (String) args[0];
                return reported(sql, () -> invoke(delegate, method, args));
            } else if (name.equals("unwrap") && ((Class<?>) args[0]).isInstance(proxy)) {
                return proxy;
            }
            return invoke(delegate, method, args);
        });
    }

    private interface Call {
        Object run() throws Throwable;
    }

    private Object reported(String sql, Call call) throws Throwable {
        StatementListener to = listener.get();
        if (to == StatementListener.NONE || sql == null) {
            return call.run();
        }
        String code = code(sql);
        Optional<Located> at = code.isEmpty() || SESSION_ONLY.matcher(code).matches() ? Optional.empty()
                : attribution.locate(sql);
        if (at.isEmpty()) {
            return call.run();
        }
        ExecutedStatement statement = new ExecutedStatement(at.get().file(), at.get().line(), sql, code,
                !target.getAutoCommit());
        to.beforeStatement(target, statement);
        Object result = call.run();
        to.afterStatement(target, statement);
        return result;
    }

    /** The statement as the script runner reports its own: without comments, upper-cased, white space collapsed. */
    private static String code(String sql) {
        return SqlScript.parse("", sql).statements().stream().map(SqlStatement::code).collect(Collectors.joining("; "));
    }

    private static Object invoke(Object delegate, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(delegate, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
