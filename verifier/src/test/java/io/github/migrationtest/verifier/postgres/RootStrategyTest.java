package io.github.migrationtest.verifier.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class RootStrategyTest {

    @Test
    void a_non_root_user_runs_the_binaries_directly() throws Exception {
        assertThat(RootStrategy.detect(RootStrategy.Choice.AUTO, false, "unshare")).isEqualTo(RootStrategy.DIRECT);
        assertThat(RootStrategy.DIRECT.prefix()).isEmpty();
    }

    @Test
    void root_falls_back_to_setpriv_when_unshare_is_blocked() throws Exception {
        // `false` stands for an unshare that the kernel or a seccomp profile refuses.
        assertThat(RootStrategy.detect(RootStrategy.Choice.AUTO, true, "false")).isEqualTo(RootStrategy.SETPRIV);
        assertThat(RootStrategy.SETPRIV.prefix()).containsExactly("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups");
    }

    @Test
    void root_that_insists_on_unshare_where_it_is_blocked_gets_the_reason_and_the_fix() {
        assertThatThrownBy(() -> RootStrategy.detect(RootStrategy.Choice.UNSHARE, true, "false"))
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessageStartingWith("Postgres refuses to run as root, and `unshare -U` as uid 2000000000 is blocked (exit code 1)")
                .hasMessageContaining("Fix: run as a non-root user");
    }

    @Test
    void root_never_keeps_uid_0_outside_the_namespace() {
        // `unshare -U` alone would leave the server root in the host's view: the uid is switched first.
        assertThat(RootStrategy.UNSHARE.prefix()).containsExactly("setpriv", "--reuid=2000000000", "--regid=2000000000",
                "--clear-groups", "unshare", "-U");
        assertThat(RootStrategy.UNSHARE.serverId()).isEqualTo(RootStrategy.NAMESPACE_ID).isNotZero();
        assertThat(RootStrategy.SETPRIV.serverId()).isEqualTo(RootStrategy.UNPRIVILEGED_ID);
    }

    @Test
    void a_missing_unshare_command_counts_as_blocked() throws Exception {
        assertThat(RootStrategy.detect(RootStrategy.Choice.AUTO, true, "/nonexistent/unshare"))
                .isEqualTo(RootStrategy.SETPRIV);
    }

    @Test
    void the_choice_is_parsed_with_a_message_naming_key_value_and_allowed_values() {
        assertThat(RootStrategy.Choice.parse("k", " SetPriv ")).isEqualTo(RootStrategy.Choice.SETPRIV);
        assertThatThrownBy(() -> RootStrategy.Choice.parse(PostgresSettings.EMBEDDED_ROOT, "sudo"))
                .hasMessage("Invalid value for migrationtest.embedded.root: 'sudo'. Allowed: auto, unshare, setpriv");
    }

    @Test
    void a_denied_file_as_the_servers_uid_is_explained_with_the_fix_and_not_for_this_user() {
        Path binaries = Path.of("/root/tmp/migrationtest-0/binaries/postgres-17.7.0");
        assertThat(RootStrategy.UNSHARE.permissionHint("unshare: failed to execute initdb: Permission denied", binaries))
                .contains("The server runs as uid 2000000000, not root: it must be able to pass every folder above "
                        + binaries + ". Fix: point TMPDIR at a folder others may pass, such as /tmp");
        assertThat(RootStrategy.UNSHARE.permissionHint("initdb: out of memory", binaries)).isEmpty();
        assertThat(RootStrategy.DIRECT.permissionHint("Permission denied", binaries)).isEmpty();
    }
}
