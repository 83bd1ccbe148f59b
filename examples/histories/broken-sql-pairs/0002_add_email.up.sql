ALTER TABLE users ADD COLUMN email varchar(255);
CREATE UNIQUE INDEX users_email_idx ON users (lower(email));
