-- Drops a column it did not add.
ALTER TABLE users ALTER COLUMN name DROP DEFAULT;
ALTER TABLE users DROP COLUMN created_at;
