-- The schema of histories/passing with a column no migration adds: users.nickname.
CREATE TABLE users (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL,
    email varchar(255) NOT NULL DEFAULT '',
    nickname text
);
CREATE UNIQUE INDEX users_email_idx ON users (email);
CREATE TYPE order_status AS ENUM ('open', 'paid', 'shipped');
CREATE TABLE orders (
    id bigserial PRIMARY KEY,
    user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    status order_status NOT NULL DEFAULT 'open',
    total numeric(12, 2) NOT NULL CHECK (total >= 0)
);
CREATE INDEX orders_user_idx ON orders (user_id, status);
CREATE VIEW open_orders AS SELECT id, user_id, total FROM orders WHERE status = 'open';
CREATE FUNCTION order_count(owner bigint) RETURNS bigint LANGUAGE sql STABLE
    AS $$ SELECT count(*) FROM orders WHERE user_id = owner $$;
