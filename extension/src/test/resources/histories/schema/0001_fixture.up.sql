-- One revision with a bit of everything the schema assertions look at.
CREATE TABLE users (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email varchar(255) NOT NULL,
    name text,
    status text NOT NULL DEFAULT 'active',
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email_idx ON users (lower(email));
CREATE INDEX users_name_idx ON users (name, created_at DESC);

CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');

CREATE TABLE orders (
    id bigserial PRIMARY KEY,
    user_id bigint CONSTRAINT orders_user_fk REFERENCES users (id) ON DELETE CASCADE ON UPDATE SET NULL,
    total numeric(12, 2) NOT NULL CONSTRAINT orders_total_check CHECK (total >= 0),
    mood mood,
    CONSTRAINT orders_user_total_key UNIQUE (user_id, total)
);

CREATE TABLE "Audit Log" (id integer, "Note" text);

CREATE SCHEMA billing;
CREATE TABLE billing.invoices (id integer PRIMARY KEY);
CREATE TABLE billing.orders (id integer);
CREATE SCHEMA archive;
CREATE TABLE archive.invoices (id integer);

CREATE SEQUENCE invoice_numbers AS integer INCREMENT BY 10 START WITH 1000;

CREATE VIEW active_users AS SELECT id, email FROM users WHERE status = 'active';
CREATE MATERIALIZED VIEW order_totals AS SELECT user_id, sum(total) AS total FROM orders GROUP BY user_id;

CREATE FUNCTION order_count(owner bigint) RETURNS bigint LANGUAGE sql STABLE
    AS $$ SELECT count(*) FROM orders WHERE user_id = owner $$;
CREATE FUNCTION order_count(owner bigint, since timestamptz) RETURNS bigint LANGUAGE sql STABLE
    AS $$ SELECT count(*) FROM orders o JOIN users u ON u.id = o.user_id WHERE o.user_id = owner AND u.created_at >= since $$;
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql
    AS $$ BEGIN NEW.created_at = now(); RETURN NEW; END $$;
CREATE PROCEDURE forget_orders(owner bigint) LANGUAGE sql
    AS $$ DELETE FROM orders WHERE user_id = owner $$;
