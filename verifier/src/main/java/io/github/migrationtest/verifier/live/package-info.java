/**
 * Live databases: a database someone else owns, read strictly read-only (its migration tool's table
 * of applied versions and a snapshot of its schema), compared with the schema its revision builds on a
 * disposable database. Nothing in this package writes to the live database.
 */
package io.github.migrationtest.verifier.live;
