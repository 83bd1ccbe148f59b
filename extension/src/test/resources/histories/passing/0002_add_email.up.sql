ALTER TABLE users ADD COLUMN email varchar(255) NOT NULL DEFAULT '';
CREATE UNIQUE INDEX users_email_idx ON users (email);
