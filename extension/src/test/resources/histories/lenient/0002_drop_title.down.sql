-- Puts the column back (last: Postgres cannot re-add it in its place) and leaves a comment behind.
ALTER TABLE notes ADD COLUMN title text;
COMMENT ON TABLE notes IS 'restored';
