package io.github.migrationtest.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.migrationtest.verifier.model.ModelFile;
import io.github.migrationtest.verifier.model.SqlFileModel;
import io.github.migrationtest.verifier.postgres.Backend;
import io.github.migrationtest.verifier.postgres.DisposableDatabase;
import io.github.migrationtest.verifier.postgres.PostgresServer;
import io.github.migrationtest.verifier.postgres.PostgresSettings;
import io.github.migrationtest.verifier.report.Check;
import io.github.migrationtest.verifier.report.CheckResult;
import io.github.migrationtest.verifier.report.Outcome;
import io.github.migrationtest.verifier.report.VerificationReport;
import io.github.migrationtest.verifier.source.MigrationSources;
import io.github.migrationtest.verifier.source.SourceOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An init script with a plain {@code CREATE ROLE} (the role the deployment provides, as Supabase-style or Netflix
 * conductor histories need) runs wherever the verifier runs the init scripts on one server: the model's scratch
 * database after the walk, a second run on a server the user gave, a second part's database. The role is the
 * server's, so it is there by then; it is kept as it is, and the checks run. On a server of this test's own, treated
 * as someone else's, so the role it leaves behind goes with it.
 */
class InitScriptRolesTest {

    private static final String ROLE = "app_reader";

    private static PostgresServer host;
    private static DisposableDatabase application;

    @TempDir
    Path dir;
    private Path history;
    private Path init;
    private Path schema;

    @BeforeAll
    static void startSomeoneElsesServer() throws SQLException {
        host = PostgresServer.start(PostgresSettings.fromEnvironment().withBackend(Backend.EMBEDDED));
        application = host.createDatabase();
    }

    @AfterAll
    static void stop() {
        host.close();
    }

    @BeforeEach
    void historyWithAnInitScriptRoleAndAModel() throws IOException {
        history = Files.createDirectory(dir.resolve("db"));
        Files.writeString(history.resolve("0001_users.up.sql"),
                "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);\nGRANT SELECT ON users TO " + ROLE + ";\n");
        Files.writeString(history.resolve("0001_users.down.sql"), "DROP TABLE users;\n");
        Files.writeString(history.resolve("0002_orders.up.sql"),
                "CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint REFERENCES users (id));\n");
        Files.writeString(history.resolve("0002_orders.down.sql"), "DROP TABLE orders;\n");
        init = Files.writeString(dir.resolve("init.sql"),
                "CREATE ROLE " + ROLE + ";\nGRANT USAGE ON SCHEMA public TO " + ROLE + ";\n");
        schema = Files.writeString(dir.resolve("schema.sql"), """
                CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);
                GRANT SELECT ON users TO %s;
                CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint REFERENCES users (id));
                """.formatted(ROLE));
    }

    @AfterEach
    void dropTheRole() throws SQLException {
        admin("DROP ROLE IF EXISTS " + ROLE);
    }

    @Test
    void the_model_after_the_walk_and_a_second_run_on_a_given_server_find_the_role_and_keep_it() throws SQLException {
        VerificationReport first = verify(host, 1);

        assertThat(first.historyCheck(Check.HEAD_MATCHES_MODEL)).get().extracting(CheckResult::outcome)
                .as(first.toString()).isEqualTo(Outcome.PASSED);
        assertThat(first.passed()).as(first.toString()).isTrue();
        assertThat(roleExists()).as("the role the init script made, left as on any server").isTrue();

        // The user's server: a role made there (by the last run, or by the user) is not the verifier's to drop.
        try (PostgresServer given = givenServer()) {
            VerificationReport second = verify(given, 1);

            assertThat(second.passed()).as(second.toString()).isTrue();
        }
        assertThat(roleExists()).isTrue();
    }

    @Test
    void parts_on_one_given_server_each_run_the_init_scripts() throws SQLException {
        try (PostgresServer given = givenServer()) {
            int[] parts = {0};
            VerificationReport report = new Verifier(MigrationSources.open(history, SourceOptions.defaults()),
                    options(2)).verify(given, new ProgressListener() {
                        @Override
                        public void walkPlanned(int count, String note) {
                            parts[0] = count;
                        }
                    });

            assertThat(parts[0]).as("parts on the one server given").isEqualTo(2);
            assertThat(report.passed()).as(report.toString()).isTrue();
        }
    }

    private VerificationReport verify(PostgresServer server, int jobs) {
        return new Verifier(MigrationSources.open(history, SourceOptions.defaults()), options(jobs)).verify(server);
    }

    private VerifierOptions options(int jobs) {
        return VerifierOptions.defaults().withJobs(jobs).withInitScripts(List.of(init))
                .withModel(new SqlFileModel(ModelFile.at(schema.toString()), List.of(init)));
    }

    private static PostgresServer givenServer() {
        return PostgresServer.start(PostgresSettings.defaults().withBackend(Backend.SERVER)
                .withServer(application.jdbcUrl(), application.user(), application.password()));
    }

    private static boolean roleExists() throws SQLException {
        try (Connection connection = application.connect(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT count(*) FROM pg_roles WHERE rolname = '" + ROLE + "'")) {
            row.next();
            return row.getInt(1) == 1;
        }
    }

    private static void admin(String sql) throws SQLException {
        try (Connection connection = application.connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
