package io.github.migrationtest.verifier.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class PostgresSettingsTest {

    @Test
    void defaults_are_auto_backend_and_postgres_17() {
        PostgresSettings settings = PostgresSettings.from(key -> Optional.empty());
        assertThat(settings).isEqualTo(PostgresSettings.defaults());
        assertThat(settings.backend()).isEqualTo(Backend.AUTO);
        assertThat(settings.majorVersion()).isEqualTo(17);
        assertThat(settings.image()).isEqualTo("postgres:17-alpine");
    }

    @Test
    void every_key_is_read() {
        PostgresSettings settings = PostgresSettings.from(lookupOf(Map.of(
                PostgresSettings.BACKEND, "Server",
                PostgresSettings.VERSION, "15",
                PostgresSettings.URL, "jdbc:postgresql://db:5432/app",
                PostgresSettings.USER, "ci",
                PostgresSettings.PASSWORD, "secret",
                PostgresSettings.EMBEDDED_BINARIES, "/opt/pg",
                PostgresSettings.EMBEDDED_ROOT, "setpriv",
                PostgresSettings.KEEP_FAILED, "true")));
        assertThat(settings.backend()).isEqualTo(Backend.SERVER);
        assertThat(settings.majorVersion()).isEqualTo(15);
        assertThat(settings.image()).isEqualTo("postgres:15-alpine");
        assertThat(settings.serverUrl()).contains("jdbc:postgresql://db:5432/app");
        assertThat(settings.serverUser()).contains("ci");
        assertThat(settings.serverPassword()).contains("secret");
        assertThat(settings.embeddedBinaries()).contains(Path.of("/opt/pg"));
        assertThat(settings.embeddedRootStrategy()).isEqualTo(RootStrategy.Choice.SETPRIV);
        assertThat(settings.keepFailedDatabases()).isTrue();
        assertThat(settings.withContainerImage("postgres:15").image()).isEqualTo("postgres:15");
        assertThat(PostgresSettings.from(lookupOf(Map.of(PostgresSettings.IMAGE, "registry.local/pg:15"))).image())
                .isEqualTo("registry.local/pg:15");
    }

    @Test
    void environment_variable_names_follow_the_keys() {
        assertThat(PostgresSettings.environmentName(PostgresSettings.URL)).isEqualTo("MIGRATIONTEST_POSTGRES_URL");
        assertThat(PostgresSettings.environmentName(PostgresSettings.KEEP_FAILED)).isEqualTo("MIGRATIONTEST_POSTGRES_KEEP_FAILED");
    }

    @Test
    void bad_values_name_the_key_the_value_and_what_is_allowed() {
        assertThatThrownBy(() -> PostgresSettings.from(lookupOf(Map.of(PostgresSettings.BACKEND, "docker"))))
                .hasMessage("Invalid value for migrationtest.postgres.backend: 'docker'. Allowed: auto, server, testcontainers, embedded");
        assertThatThrownBy(() -> PostgresSettings.from(lookupOf(Map.of(PostgresSettings.VERSION, "latest"))))
                .hasMessage("Invalid value for migrationtest.postgres.version: 'latest'. Allowed: a Postgres major version such as 16 or 17");
        assertThatThrownBy(() -> PostgresSettings.from(lookupOf(Map.of(PostgresSettings.VERSION, "12"))))
                .hasMessage("Invalid value for migrationtest.postgres.version: '12'. Allowed: a Postgres major version, 14 or newer");
        assertThatThrownBy(() -> PostgresSettings.from(lookupOf(Map.of(PostgresSettings.KEEP_FAILED, "yes"))))
                .hasMessage("Invalid value for migrationtest.postgres.keepFailed: 'yes'. Allowed: true, false");
        assertThatThrownBy(() -> ServerEndpoint.parse("postgres://localhost/db", null, null))
                .hasMessageStartingWith("Invalid value for migrationtest.postgres.url: 'postgres://localhost/db'. Allowed: a JDBC URL");
    }

    @Test
    void a_server_url_keeps_its_options_for_every_database() {
        ServerEndpoint endpoint = ServerEndpoint.parse("jdbc:postgresql://db:5432/app?sslmode=require", "u", "p");
        assertThat(endpoint.adminDatabase()).isEqualTo("app");
        assertThat(endpoint.jdbcUrl("migrationtest_x_1")).isEqualTo("jdbc:postgresql://db:5432/migrationtest_x_1?sslmode=require");
        assertThat(ServerEndpoint.parse("jdbc:postgresql://db/", null, null).adminDatabase()).isEqualTo("postgres");
    }

    private static Function<String, Optional<String>> lookupOf(Map<String, String> map) {
        return key -> Optional.ofNullable(map.get(key));
    }
}
