ALTER TABLE users ADD COLUMN nickname text;
CREATE INDEX users_name_idx ON users (name);
