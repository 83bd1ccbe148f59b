package io.github.migrationtest.verifier.ci;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The exact Code Quality JSON GitLab reads from {@code artifacts: reports: codequality}. */
class GitLabCodeQualityTest {

    @Test
    void one_issue_per_failure_with_path_line_severity_and_a_fingerprint_of_check_revision_and_file() {
        String json = GitLabCodeQuality.render(CiFailuresTest.failures(), "db/migration");

        String tierFile = CiFailuresTest.WORKSPACE.resolve("db/migration/V3__tier.sql").toString();
        assertThat(json).isEqualTo("""
                [
                  {
                    "description": "Revision 2 (email index): the downgrade did not restore the schema\\n  public.users_email_idx: index left behind by the downgrade\\nFix: make U2__email_index.sql drop the index, or declare revision 2 irreversible",
                    "check_name": "migrationtest.DOWNGRADE_RESTORES_SCHEMA",
                    "fingerprint": "%s",
                    "severity": "major",
                    "location": {
                      "path": "db/migration/U2__email_index.sql",
                      "lines": {
                        "begin": 1
                      }
                    }
                  },
                  {
                    "description": "Revision 3 (tier): the upgrade failed\\n  %s:4:12: ERROR: column \\"tier\\" of relation \\"users\\" already exists\\nFix: fix the statement",
                    "check_name": "migrationtest.UPGRADES_APPLY",
                    "fingerprint": "%s",
                    "severity": "major",
                    "location": {
                      "path": "db/migration/V3__tier.sql",
                      "lines": {
                        "begin": 4
                      }
                    }
                  }
                ]
                """.formatted(sha256("DOWNGRADE_RESTORES_SCHEMA\n2\ndb/migration/U2__email_index.sql"), tierFile,
                sha256("UPGRADES_APPLY\n3\ndb/migration/V3__tier.sql")));
    }

    @Test
    void the_fingerprint_does_not_change_with_the_failure_text() {
        CiFailure failure = CiFailuresTest.failures().get(0);
        CiFailure reworded = new CiFailure(failure.check(), failure.revision(), failure.title(), "other text",
                failure.file(), 7);

        assertThat(GitLabCodeQuality.fingerprint(reworded, "p")).isEqualTo(GitLabCodeQuality.fingerprint(failure, "p"))
                .isNotEqualTo(GitLabCodeQuality.fingerprint(failure, "q"));
    }

    @Test
    void no_failures_is_an_empty_array() {
        assertThat(GitLabCodeQuality.render(java.util.List.of(), "db")).isEqualTo("[]\n");
    }

    private static String sha256(String text) throws RuntimeException {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
