-- A schema with every object kind the snapshot reads, and a few awkward spellings.
CREATE EXTENSION IF NOT EXISTS pgcrypto;
CREATE EXTENSION IF NOT EXISTS citext;

CREATE SCHEMA app;
COMMENT ON SCHEMA app IS 'application objects';
CREATE SCHEMA "Odd Schema";

CREATE TYPE app.mood AS ENUM ('sad', 'ok', 'happy', 'it''s complicated');
COMMENT ON TYPE app.mood IS 'how a user feels';
CREATE DOMAIN app.positive_int AS integer NOT NULL DEFAULT 1 CONSTRAINT positive CHECK (VALUE > 0);
CREATE DOMAIN app.email AS citext CONSTRAINT email_has_at CHECK (VALUE ~ '@') CONSTRAINT email_short CHECK (length(VALUE) < 200);
CREATE TYPE app.address AS (street text, city text COLLATE "C", zip varchar(10));
CREATE TYPE app.float_range AS RANGE (subtype = float8, subtype_diff = float8mi);

CREATE SEQUENCE app.invoice_no INCREMENT 5 START 1000 MINVALUE 1000 MAXVALUE 999999 CACHE 10 CYCLE;

CREATE TABLE app.users (
    id bigint GENERATED ALWAYS AS IDENTITY (START WITH 100 INCREMENT BY 2),
    email app.email NOT NULL,
    name text COLLATE "C" DEFAULT 'anonymous',
    mood app.mood DEFAULT 'ok',
    home app.address,
    score numeric(10, 2) CHECK (score >= 0),
    created_at timestamptz NOT NULL DEFAULT now(),
    name_upper text GENERATED ALWAYS AS (upper(name)) STORED,
    CONSTRAINT users_pkey PRIMARY KEY (id),
    CONSTRAINT users_email_key UNIQUE (email)
);
ALTER TABLE app.users ALTER COLUMN name SET STORAGE EXTERNAL;
COMMENT ON TABLE app.users IS 'people who sign in';
COMMENT ON COLUMN app.users.email IS 'login name';
CREATE INDEX users_created_idx ON app.users USING btree (created_at DESC) INCLUDE (name) WHERE score > 0;
CREATE INDEX users_lower_name_idx ON app.users (lower(name));
COMMENT ON INDEX app.users_created_idx IS 'recent users';
ALTER TABLE app.users ENABLE ROW LEVEL SECURITY;
ALTER TABLE app.users FORCE ROW LEVEL SECURITY;
CREATE POLICY users_self ON app.users FOR SELECT TO PUBLIC USING (name = current_user);
CREATE POLICY users_restrict ON app.users AS RESTRICTIVE FOR UPDATE USING (true) WITH CHECK (score < 100);

CREATE TABLE app.orders (
    id serial PRIMARY KEY,
    user_id bigint NOT NULL,
    invoice integer DEFAULT nextval('app.invoice_no'),
    total numeric NOT NULL DEFAULT 0,
    during tstzrange,
    CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES app.users (id) MATCH FULL
        ON DELETE CASCADE ON UPDATE SET NULL DEFERRABLE INITIALLY DEFERRED,
    CONSTRAINT orders_no_overlap EXCLUDE USING gist (during WITH &&)
);
ALTER SEQUENCE app.invoice_no OWNED BY app.orders.invoice;
-- NOT VALID is ignored in CREATE TABLE (an empty table is valid), so it is added afterwards.
ALTER TABLE app.orders ADD CONSTRAINT orders_total_check CHECK (total >= 0) NOT VALID;
COMMENT ON CONSTRAINT orders_total_check ON app.orders IS 'never negative';
CLUSTER app.orders USING orders_pkey;

CREATE UNLOGGED TABLE app.cache (key text PRIMARY KEY, value jsonb) WITH (fillfactor = 70);

CREATE TABLE app.events (id bigint NOT NULL, at date NOT NULL, payload text) PARTITION BY RANGE (at);
CREATE TABLE app.events_2024 PARTITION OF app.events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE app.events_default PARTITION OF app.events DEFAULT;
CREATE INDEX events_at_idx ON app.events (at);

CREATE TABLE "Odd Schema"."Mixed Case" ("Weird ""col""" int, "line
break" text, "tab	col" text);
COMMENT ON TABLE "Odd Schema"."Mixed Case" IS E'multi\nline\n\n  comment with "quotes" and \\ backslash\t and tab';

CREATE FUNCTION app.touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.created_at := now();   -- keep it fresh

	RETURN NEW;
END;
$$;
CREATE FUNCTION app.add(a integer, b integer DEFAULT 1) RETURNS integer
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE COST 5
    RETURN a + b;
CREATE FUNCTION app.secret() RETURNS SETOF text LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = app, pg_temp ROWS 10 AS 'SELECT name FROM app.users';
COMMENT ON FUNCTION app.secret() IS 'names, for admins';
CREATE PROCEDURE app.archive(before date) LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM app.events WHERE at < before;
END $$;
CREATE FUNCTION app.on_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN NULL; END $$;

CREATE TRIGGER users_touch BEFORE UPDATE ON app.users FOR EACH ROW WHEN (OLD.score IS DISTINCT FROM NEW.score)
    EXECUTE FUNCTION app.touch();
CREATE TRIGGER orders_touch AFTER INSERT ON app.orders FOR EACH STATEMENT EXECUTE FUNCTION app.touch();
ALTER TABLE app.orders DISABLE TRIGGER orders_touch;
COMMENT ON TRIGGER users_touch ON app.users IS 'stamps rows';
CREATE STATISTICS app.users_name_score (dependencies, ndistinct) ON name, score FROM app.users;
ALTER STATISTICS app.users_name_score SET STATISTICS 500;
COMMENT ON STATISTICS app.users_name_score IS 'correlated';
CREATE EVENT TRIGGER app_ddl ON ddl_command_end WHEN TAG IN ('CREATE TABLE', 'ALTER TABLE') EXECUTE FUNCTION app.on_ddl();
DO $$ BEGIN
    EXECUTE format('ALTER DATABASE %I SET search_path = "$user", app, public', current_database());
    EXECUTE format('ALTER DATABASE %I SET statement_timeout = 5000', current_database());
END $$;

CREATE VIEW app.active_users WITH (security_barrier) AS
    SELECT id, email, name FROM app.users WHERE score > 0
    WITH LOCAL CHECK OPTION;
COMMENT ON VIEW app.active_users IS 'users with a score';
COMMENT ON COLUMN app.active_users.email IS 'where we write';
ALTER VIEW app.active_users ALTER COLUMN name SET DEFAULT 'anonymous';
CREATE MATERIALIZED VIEW app.user_totals AS
    SELECT u.id, sum(o.total) AS total FROM app.users u JOIN app.orders o ON o.user_id = u.id GROUP BY u.id
    WITH NO DATA;
CREATE UNIQUE INDEX user_totals_id_idx ON app.user_totals (id);
COMMENT ON COLUMN app.user_totals.total IS 'summed';

-- Rules: a table's, conditional and disabled; a view's INSTEAD rule writing its table (renames of that table's
-- columns change its text).
CREATE RULE orders_keep_large AS ON DELETE TO app.orders WHERE old.total > 1000 DO INSTEAD NOTHING;
COMMENT ON RULE orders_keep_large ON app.orders IS 'large orders stay';
ALTER TABLE app.orders DISABLE RULE orders_keep_large;
CREATE RULE active_users_insert AS ON INSERT TO app.active_users
    DO INSTEAD INSERT INTO app.users (email, name) VALUES (new.email, new.name);

-- Roles are cluster-wide, and several test databases share one server.
DO $$ BEGIN CREATE ROLE migrationtest_reader NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
GRANT USAGE ON SCHEMA app TO migrationtest_reader;
GRANT SELECT ON app.users TO migrationtest_reader;
GRANT SELECT (id, total), UPDATE (total) ON app.orders TO migrationtest_reader;
GRANT USAGE ON SEQUENCE app.invoice_no TO migrationtest_reader WITH GRANT OPTION;
REVOKE EXECUTE ON FUNCTION app.secret() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app.secret() TO migrationtest_reader;
-- Default privileges: in one schema (only what is added), in every schema (PUBLIC's EXECUTE taken away), of another role.
ALTER DEFAULT PRIVILEGES IN SCHEMA app GRANT SELECT, INSERT ON TABLES TO migrationtest_reader;
ALTER DEFAULT PRIVILEGES IN SCHEMA app GRANT USAGE ON SEQUENCES TO migrationtest_reader WITH GRANT OPTION;
ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
ALTER DEFAULT PRIVILEGES FOR ROLE migrationtest_reader IN SCHEMA app GRANT SELECT ON TABLES TO PUBLIC;

-- A publication of two tables and some of their changes (a schema's tables, a column list and a row filter only from
-- Postgres 15: not here, the fixture also runs on 14).
CREATE PUBLICATION app_feed FOR TABLE app.users, app.orders WITH (publish = 'insert, update');
COMMENT ON PUBLICATION app_feed IS 'to the search index';

-- Objects few histories make, one of each kind (a libc collation: ICU may be missing where the fixture runs).
CREATE COLLATION app.bytewise (locale = 'C');
COMMENT ON COLLATION app.bytewise IS 'byte order';
CREATE TEXT SEARCH DICTIONARY app.plain (TEMPLATE = pg_catalog.simple);
CREATE TEXT SEARCH CONFIGURATION app.search (COPY = pg_catalog.simple);
ALTER TEXT SEARCH CONFIGURATION app.search ALTER MAPPING FOR asciiword WITH app.plain;
CREATE FUNCTION app.plus(x int, y int) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT x + y';
CREATE AGGREGATE app.total(int) (sfunc = app.plus, stype = int, initcond = '0');
CREATE OPERATOR app.### (leftarg = int, rightarg = int, function = app.plus);
CREATE OPERATOR CLASS app.int_ops FOR TYPE int USING btree AS OPERATOR 1 <, FUNCTION 1 btint4cmp(int, int);
CREATE CAST (int AS app.mood) WITH INOUT;
CREATE CONVERSION app.latin FOR 'LATIN1' TO 'UTF8' FROM iso8859_1_to_utf8;
CREATE FOREIGN DATA WRAPPER app_wrapper;
CREATE SERVER app_remote FOREIGN DATA WRAPPER app_wrapper OPTIONS (host 'remote');
CREATE USER MAPPING FOR CURRENT_USER SERVER app_remote OPTIONS (user 'app');
CREATE FOREIGN TABLE app.remote_users (id int NOT NULL, name text OPTIONS (column_name 'full_name')) SERVER app_remote;

-- Bookkeeping a migration tool keeps: left out by default.
CREATE TABLE public.flyway_schema_history (installed_rank int PRIMARY KEY, version varchar(50));
