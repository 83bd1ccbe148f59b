package io.github.migrationtest.verifier.postgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A server someone else runs (CI's {@code services: postgres}). We only create and drop our own
 * databases on it; the database named in the URL is used to connect and is never changed.
 */
final class ExistingServer implements RunningPostgres {

    private final ServerEndpoint endpoint;
    private final String version;

    private ExistingServer(ServerEndpoint endpoint, String version) {
        this.endpoint = endpoint;
        this.version = version;
    }

    static ExistingServer connect(PostgresSettings settings) throws BackendUnavailableException {
        String url = settings.serverUrl().orElseThrow(() -> new BackendUnavailableException(
                "no server URL given (set " + PostgresSettings.URL + " or "
                        + PostgresSettings.environmentName(PostgresSettings.URL) + ")"));
        ServerEndpoint endpoint = ServerEndpoint.parse(url, settings.serverUser().orElse(null),
                settings.serverPassword().orElse(null));
        try (Connection connection = endpoint.connectAdmin(); Statement statement = connection.createStatement()) {
            ResultSet rows = statement.executeQuery(
                    "SELECT current_user, rolcreatedb OR rolsuper, current_setting('server_version'),"
                            + " current_setting('server_version_num')::int / 10000"
                            + " FROM pg_roles WHERE rolname = current_user");
            rows.next();
            String user = rows.getString(1);
            if (!rows.getBoolean(2)) {
                throw new BackendUnavailableException(String.format(
                        "user '%s' on %s may not create databases. Fix: ALTER ROLE %s CREATEDB, or give a user that may",
                        user, url, user));
            }
            int major = rows.getInt(4);
            if (major < PostgresSettings.OLDEST_MAJOR) {
                throw new BackendUnavailableException(String.format(
                        "the server at %s runs Postgres %s; migrationtest needs %d or newer",
                        url, rows.getString(3), PostgresSettings.OLDEST_MAJOR));
            }
            return new ExistingServer(endpoint, rows.getString(3));
        } catch (SQLException e) {
            throw new BackendUnavailableException("could not connect to " + url + ": " + e.getMessage(), e);
        }
    }

    @Override
    public ServerEndpoint endpoint() {
        return endpoint;
    }

    @Override
    public String description() {
        // Without the URL's options: they may carry a password, and the description goes into reports.
        return "existing Postgres " + version + " at " + endpoint.hostPart() + "/" + endpoint.adminDatabase();
    }

    @Override
    public Backend backend() {
        return Backend.SERVER;
    }

    @Override
    public void stop() {
        // Not ours to stop.
    }

    @Override
    public String lifetimeNote() {
        return "The database stays on the existing server until you drop it.";
    }
}
