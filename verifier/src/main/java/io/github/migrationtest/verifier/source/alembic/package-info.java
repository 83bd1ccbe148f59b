/**
 * Alembic histories, run in the user's own Python: one helper process (a Python file shipped in this
 * package's resources, speaking JSON lines) per concurrent step keeps Python's start-up and Alembic's
 * reading of the version files out of every step, runs the project's {@code env.py} unchanged, and
 * sends every connection SQLAlchemy opens to the verifier's database.
 */
package io.github.migrationtest.verifier.source.alembic;
