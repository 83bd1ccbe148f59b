package io.github.migrationtest.examples;

import io.github.migrationtest.junit.MigrationChecks;
import io.github.migrationtest.junit.MigrationTest;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * An Alembic project gets the same one-line suite, and its head is compared with the SQLAlchemy metadata
 * its env.py configures ({@code model = "alembic"}). The Python that has the project's Alembic comes from
 * {@code @MigrationTest(alembicPython)}, {@code -Dmigrationtest.alembic.python} or {@code
 * MIGRATIONTEST_ALEMBIC_PYTHON} (default {@code python3}).
 */
@MigrationTest(location = "histories/alembic", model = "alembic")
@EnabledIf(value = "io.github.migrationtest.examples.ConfiguredPython#hasAlembic",
        disabledReason = "the configured Python (migrationtest.alembic.python, default python3) has no Alembic and psycopg2")
class AlembicHistoryTest implements MigrationChecks {
}
