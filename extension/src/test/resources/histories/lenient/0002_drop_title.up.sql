-- The title moves to a table of its own.
ALTER TABLE notes DROP COLUMN title;
