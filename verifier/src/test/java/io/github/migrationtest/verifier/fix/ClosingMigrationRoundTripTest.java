package io.github.migrationtest.verifier.fix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.migrationtest.verifier.diff.DiffResult;
import io.github.migrationtest.verifier.diff.SchemaDiff;
import io.github.migrationtest.verifier.postgres.PostgresServer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * For every kind of object and every way it can differ: build the head schema and the desired one
 * from SQL in two databases, generate the closing migration from their diff, run its upgrade on the
 * head database (the diff must be gone, column order included) and its downgrade (the head schema
 * must be back, equal to the snapshot). Nothing may be left for people to do by hand.
 */
class ClosingMigrationRoundTripTest {
    private static final String T = "CREATE TABLE t (a int, b text);\n";
    private static final String USERS = "CREATE TABLE users (id int PRIMARY KEY, email text NOT NULL);\n";
    private static final String TOUCH = "CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql"
            + " AS $$ BEGIN RETURN NEW; END $$;\n";

    static Stream<Arguments> cases() {
        return Stream.of(
                // what Postgres folds from 'now' is written 'now' again, and recreates the same
                differ("add a default, a check and a view that fold 'now' into a literal",
                        "CREATE TABLE stamps (at timestamptz, day date)",
                        "CREATE TABLE stamps (at timestamptz DEFAULT 'now', day date DEFAULT 'today'"
                                + " CHECK (day <= 'now'::date + 1));"
                                + " CREATE VIEW recent AS SELECT at FROM stamps WHERE at > 'now'::timestamptz - interval '1 day'"),
                // tables
                differ("create a table with its key, defaults, checks and comments", "",
                        "CREATE TABLE accounts (id bigint PRIMARY KEY, name text NOT NULL DEFAULT 'x',"
                                + " balance numeric(12, 2) CHECK (balance >= 0), code varchar(10) UNIQUE,"
                                + " created timestamptz DEFAULT now());"
                                + " COMMENT ON TABLE accounts IS 'money, it''s said';"
                                + " COMMENT ON COLUMN accounts.name IS 'who'"),
                differ("drop a table with an index, a trigger and a foreign key to a table that stays",
                        USERS + TOUCH + "CREATE TABLE orders (id int PRIMARY KEY, user_id int REFERENCES users,"
                                + " total numeric NOT NULL DEFAULT 0);"
                                + " CREATE INDEX orders_user_idx ON orders (user_id);"
                                + " CREATE TRIGGER orders_touch BEFORE UPDATE ON orders FOR EACH ROW"
                                + " EXECUTE FUNCTION touch()",
                        USERS + TOUCH),
                differ("drop two tables that reference each other",
                        "CREATE TABLE a (id int PRIMARY KEY, b_id int); CREATE TABLE b (id int PRIMARY KEY,"
                                + " a_id int REFERENCES a); ALTER TABLE a ADD FOREIGN KEY (b_id) REFERENCES b", ""),
                differ("make a table unlogged, give it options and row level security", T,
                        "CREATE UNLOGGED TABLE t (a int, b text) WITH (fillfactor = 70, autovacuum_enabled = false);"
                                + " ALTER TABLE t ENABLE ROW LEVEL SECURITY; ALTER TABLE t FORCE ROW LEVEL SECURITY"),
                differ("give a table TOAST storage options", T,
                        "CREATE TABLE t (a int, b text) WITH (toast.autovacuum_enabled = false, fillfactor = 90)"),
                differ("create a partitioned table", "",
                        "CREATE TABLE events (id int NOT NULL, at date NOT NULL) PARTITION BY RANGE (at)"),
                // columns
                differ("add a column with a default and NOT NULL", T,
                        "CREATE TABLE t (a int, b text, nick text NOT NULL DEFAULT 'anon')"),
                differ("add an identity column with its own sequence options", T,
                        "CREATE TABLE t (a int, b text, id bigint GENERATED ALWAYS AS IDENTITY"
                                + " (START WITH 100 INCREMENT BY 5 CACHE 2))"),
                differ("add a generated column", T,
                        "CREATE TABLE t (a int, b text, c int GENERATED ALWAYS AS (a * 2) STORED)"),
                differ("add a serial column", T, "CREATE TABLE t (a int, b text, id serial)"),
                differ("drop the last column", "CREATE TABLE t (a int, b text NOT NULL DEFAULT 'x')",
                        "CREATE TABLE t (a int)"),
                differ("widen a column's type", T, "CREATE TABLE t (a bigint, b text)"),
                differ("change a column's type with a cast", T, "CREATE TABLE t (a int, b integer)"),
                differ("change the type of a column that has a default", "CREATE TABLE t (a int DEFAULT 1)",
                        "CREATE TABLE t (a text DEFAULT 'one')"),
                differ("set and drop NOT NULL", "CREATE TABLE t (a int NOT NULL, b int)",
                        "CREATE TABLE t (a int, b int NOT NULL)"),
                differ("set, change and drop defaults",
                        "CREATE TABLE t (a int, b int DEFAULT 1, c timestamptz DEFAULT now())",
                        "CREATE TABLE t (a int DEFAULT 5, b int DEFAULT 2, c timestamptz)"),
                differ("change a column's collation", T, "CREATE TABLE t (a int, b text COLLATE \"C\")"),
                differ("an identity column: by default and other options",
                        "CREATE TABLE t (id int GENERATED ALWAYS AS IDENTITY)",
                        "CREATE TABLE t (id int GENERATED BY DEFAULT AS IDENTITY (INCREMENT BY 3 START WITH 10))"),
                differ("a serial column becomes an identity", "CREATE TABLE t (id serial, a int)",
                        "CREATE TABLE t (id int GENERATED BY DEFAULT AS IDENTITY, a int)"),
                differ("a plain column gains an identity", "CREATE TABLE t (id int, a int)",
                        "CREATE TABLE t (id int GENERATED ALWAYS AS IDENTITY, a int)"),
                differ("change a column's storage and compression", T,
                        T + "ALTER TABLE t ALTER COLUMN b SET STORAGE EXTERNAL;"
                                + " ALTER TABLE t ALTER COLUMN b SET COMPRESSION pglz"),
                differ("a column's statistics target and options, a table's replica identity, both ways", T,
                        T + "ALTER TABLE t ALTER COLUMN a SET STATISTICS 500;"
                                + " ALTER TABLE t ALTER COLUMN a SET (n_distinct = 100, n_distinct_inherited = 5);"
                                + " ALTER TABLE t REPLICA IDENTITY FULL"),
                differ("a table's replica identity by an index",
                        T + "CREATE UNIQUE INDEX t_a ON t (a); ALTER TABLE t ALTER COLUMN a SET NOT NULL;",
                        T + "CREATE UNIQUE INDEX t_a ON t (a); ALTER TABLE t ALTER COLUMN a SET NOT NULL;"
                                + " ALTER TABLE t REPLICA IDENTITY USING INDEX t_a"),
                differ("comment on a column and grant on it", RoundTrip.ROLE + T,
                        RoundTrip.ROLE + T + "COMMENT ON COLUMN t.a IS 'the a';"
                                + " GRANT SELECT (a), UPDATE (a) ON t TO migrationtest_fix_reader"),
                // indexes
                differ("create, drop and change indexes",
                        T + "CREATE INDEX t_a_idx ON t (a); CREATE INDEX t_b_idx ON t (b)",
                        T + "CREATE INDEX t_a_idx ON t (a) WHERE a > 0; CREATE UNIQUE INDEX t_lower_b ON t (lower(b));"
                                + " COMMENT ON INDEX t_lower_b IS 'case-blind'"),
                differ("cluster a table on an index", T + "CREATE INDEX t_a_idx ON t (a)",
                        T + "CREATE INDEX t_a_idx ON t (a); ALTER TABLE t CLUSTER ON t_a_idx"),
                differ("a unique constraint becomes a unique index of the same name",
                        "CREATE TABLE t (a int CONSTRAINT t_a_key UNIQUE)",
                        "CREATE TABLE t (a int); CREATE UNIQUE INDEX t_a_key ON t (a)"),
                // constraints
                differ("add a primary key", "CREATE TABLE t (id int NOT NULL, a int)",
                        "CREATE TABLE t (id int PRIMARY KEY, a int)"),
                differ("change a check constraint and comment on it",
                        "CREATE TABLE t (a int CONSTRAINT t_a_check CHECK (a > 0))",
                        "CREATE TABLE t (a int CONSTRAINT t_a_check CHECK (a >= 0));"
                                + " COMMENT ON CONSTRAINT t_a_check ON t IS 'not negative'"),
                differ("add a NOT VALID check", T, T + "ALTER TABLE t ADD CONSTRAINT t_b CHECK (b <> '') NOT VALID"),
                differ("add a foreign key with actions",
                        USERS + "CREATE TABLE orders (id int, user_id int)",
                        USERS + "CREATE TABLE orders (id int, user_id int CONSTRAINT orders_user_fk REFERENCES users"
                                + " ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED)"),
                differ("add an exclusion constraint", "CREATE TABLE rooms (during tstzrange)",
                        "CREATE TABLE rooms (during tstzrange, EXCLUDE USING gist (during WITH &&))"),
                differ("change the unique index a foreign key of a table that stays references",
                        "CREATE TABLE products (code int, name text); CREATE UNIQUE INDEX products_code ON products (code);"
                                + " CREATE TABLE orders (product_id int REFERENCES products (code))",
                        "CREATE TABLE products (code int, name text);"
                                + " CREATE UNIQUE INDEX products_code ON products (code) INCLUDE (name);"
                                + " CREATE TABLE orders (product_id int REFERENCES products (code))"),
                differ("change the primary key a foreign key of a table that stays references",
                        USERS + "CREATE TABLE orders (user_id int REFERENCES users)",
                        "CREATE TABLE users (id int, email text NOT NULL, PRIMARY KEY (id) INCLUDE (email));"
                                + " CREATE TABLE orders (user_id int REFERENCES users)"),
                differ("change the primary key its own table's foreign key references",
                        "CREATE TABLE node (id int PRIMARY KEY, parent int REFERENCES node)",
                        "CREATE TABLE node (id int, parent int REFERENCES node, PRIMARY KEY (id) INCLUDE (parent))"),
                // enums
                differ("create an enum and a column of it", "",
                        "CREATE TYPE mood AS ENUM ('sad', 'ok'); CREATE TABLE t (m mood DEFAULT 'ok', ms mood[])"),
                differ("add a label at the end", "CREATE TYPE mood AS ENUM ('sad', 'ok'); CREATE TABLE t (m mood)",
                        "CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy'); CREATE TABLE t (m mood)"),
                differ("add labels at the start, in the middle and at the end",
                        "CREATE TYPE mood AS ENUM ('b', 'd'); CREATE TABLE t (m mood DEFAULT 'b', ms mood[]);"
                                + " COMMENT ON TYPE mood IS 'feelings'",
                        "CREATE TYPE mood AS ENUM ('a', 'b', 'c', 'd', 'e'); CREATE TABLE t (m mood DEFAULT 'b',"
                                + " ms mood[]); COMMENT ON TYPE mood IS 'feelings'"),
                differ("remove a label used by a default, a check, an index and a view",
                        "CREATE TYPE mood AS ENUM ('a', 'b', 'c'); CREATE TABLE t (id int, m mood DEFAULT 'a'"
                                + " CHECK (m <> 'c'));"
                                + " CREATE INDEX t_m_idx ON t (m) WHERE m = 'a'; CREATE VIEW v AS SELECT id, m FROM t",
                        "CREATE TYPE mood AS ENUM ('a', 'c'); CREATE TABLE t (id int, m mood DEFAULT 'a'"
                                + " CHECK (m <> 'c'));"
                                + " CREATE INDEX t_m_idx ON t (m) WHERE m = 'a'; CREATE VIEW v AS SELECT id, m FROM t"),
                // hatchet-goose: a partitioned table and an inheritance child that have the type; their parents' ALTER
                // converts them, and altering them too fails ("cannot alter inherited column")
                differ("remove a label of a type a partitioned table and an inheritance child use",
                        "CREATE TYPE mood AS ENUM ('a', 'b', 'c'); CREATE TABLE p (id int, m mood) PARTITION BY LIST (id);"
                                + " CREATE TABLE p_1 PARTITION OF p FOR VALUES IN (1); CREATE TABLE base (m mood);"
                                + " CREATE TABLE child (own mood) INHERITS (base)",
                        "CREATE TYPE mood AS ENUM ('a', 'c'); CREATE TABLE p (id int, m mood) PARTITION BY LIST (id);"
                                + " CREATE TABLE p_1 PARTITION OF p FOR VALUES IN (1); CREATE TABLE base (m mood);"
                                + " CREATE TABLE child (own mood) INHERITS (base)"),
                // hatchet-goose: a function of a table's row type is dropped before the table, created after it
                differ("drop and create a table with a function of its row type",
                        "CREATE TABLE limits (k text, v int); CREATE FUNCTION refill(l limits) RETURNS int LANGUAGE sql"
                                + " AS 'SELECT 1'", ""),
                // rpki-publication-server's R__functions.sql: a function returning a view's rows goes before the view
                // and comes after it
                differ("drop and create a view with a function of its row type",
                        "CREATE TABLE objects (id int, url text); CREATE VIEW live AS SELECT id, url FROM objects;"
                                + " CREATE FUNCTION read_live(u text) RETURNS SETOF live LANGUAGE plpgsql"
                                + " AS $$ BEGIN RETURN QUERY SELECT * FROM live WHERE url = u; END $$",
                        "CREATE TABLE objects (id int, url text)"),
                // a view over a function over a view (RIPE NCC's repeatables): dropped view, function, view, and
                // created the other way round; with a comment on the function, which must not overtake it
                differ("drop and create a view that calls a function of another view's row type",
                        "CREATE TABLE objects (id int, url text); CREATE VIEW live AS SELECT id, url FROM objects;"
                                + " CREATE FUNCTION read_live(u text) RETURNS SETOF live LANGUAGE sql"
                                + " AS $$ SELECT * FROM live WHERE url = u $$;"
                                + " COMMENT ON FUNCTION read_live(text) IS 'one url';"
                                + " CREATE VIEW home AS SELECT id FROM read_live('/');"
                                + " CREATE VIEW home_count AS SELECT count(*) FROM home",
                        "CREATE TABLE objects (id int, url text)"),
                // a SQL-standard function is dropped after the constraints, indexes and defaults calling it, and
                // created before them
                differ("drop and create a SQL-standard function a check, an index and a default call",
                        "CREATE TABLE t (a text); CREATE FUNCTION ok(x text) RETURNS boolean LANGUAGE sql IMMUTABLE"
                                + " RETURN length(x) > 0; ALTER TABLE t ADD CONSTRAINT a_ok CHECK (ok(a));"
                                + " CREATE INDEX t_ok ON t (ok(a)); ALTER TABLE t ADD COLUMN b boolean DEFAULT ok('x')",
                        "CREATE TABLE t (a text)"),
                differ("a new label is used by a new default in the same script",
                        "CREATE TYPE mood AS ENUM ('a'); CREATE TABLE t (m mood)",
                        "CREATE TYPE mood AS ENUM ('a', 'b'); CREATE TABLE t (m mood DEFAULT 'b')"),
                differ("reorder labels", "CREATE TYPE mood AS ENUM ('a', 'b'); CREATE TABLE t (m mood)",
                        "CREATE TYPE mood AS ENUM ('b', 'a'); CREATE TABLE t (m mood)"),
                differ("reorder labels while a table holds the name the old type would go by",
                        "CREATE TYPE mood AS ENUM ('a', 'b'); CREATE TABLE mood__old (m mood)",
                        "CREATE TYPE mood AS ENUM ('b', 'a'); CREATE TABLE mood__old (m mood)"),
                differ("a new label is used by a column default of a new table",
                        "CREATE TYPE mood AS ENUM ('a'); CREATE TABLE t (m mood)",
                        "CREATE TYPE mood AS ENUM ('a', 'b'); CREATE TABLE t (m mood);"
                                + " CREATE TABLE u (m mood DEFAULT 'b')"),
                differ("a new label is used by a check of a new table while a view reads a column of the type",
                        "CREATE TYPE mood AS ENUM ('a'); CREATE TABLE t (m mood); CREATE VIEW v AS SELECT m FROM t",
                        "CREATE TYPE mood AS ENUM ('a', 'b'); CREATE TABLE t (m mood);"
                                + " CREATE VIEW v AS SELECT m FROM t; CREATE TABLE u (m mood CHECK (m <> 'b'))"),
                // sequences
                differ("create, drop and change sequences",
                        "CREATE SEQUENCE s1; CREATE SEQUENCE s2 INCREMENT 5",
                        "CREATE SEQUENCE s2 AS integer INCREMENT 10 MINVALUE 0 MAXVALUE 5000 START 5 CACHE 3 CYCLE;"
                                + " CREATE SEQUENCE s3 AS smallint MAXVALUE 1000;"
                                + " COMMENT ON SEQUENCE s3 IS 'small'"),
                differ("a sequence gets an owner", T + "CREATE SEQUENCE s", T + "CREATE SEQUENCE s OWNED BY t.a"),
                differ("a column default draws from a new sequence", T,
                        "CREATE SEQUENCE invoice_no START 1000; CREATE TABLE t (a int DEFAULT nextval('invoice_no'),"
                                + " b text)"),
                // views
                differ("create a view over a new table", "", T + "CREATE VIEW v AS SELECT a FROM t WHERE a > 0"),
                differ("change a view's query and columns", T + "CREATE VIEW v AS SELECT a FROM t",
                        T + "CREATE VIEW v AS SELECT a, b FROM t"),
                differ("a view over a changed view is rebuilt",
                        T + "CREATE VIEW v1 AS SELECT a FROM t; CREATE VIEW v2 AS SELECT a FROM v1",
                        T + "CREATE VIEW v1 AS SELECT a, b FROM t; CREATE VIEW v2 AS SELECT a FROM v1"),
                differ("create a view over a view whose name sorts after it", T,
                        T + "CREATE VIEW z_base AS SELECT a FROM t; CREATE VIEW a_top AS SELECT a FROM z_base"),
                differ("a view over a retyped column is rebuilt", T + "CREATE VIEW v AS SELECT a FROM t",
                        "CREATE TABLE t (a bigint, b text); CREATE VIEW v AS SELECT a FROM t"),
                differ("change a view's options and comment", T + "CREATE VIEW v AS SELECT a FROM t",
                        T + "CREATE VIEW v WITH (security_barrier) AS SELECT a FROM t;"
                                + " COMMENT ON VIEW v IS 'only a'"),
                differ("a table becomes a view of the same name",
                        "CREATE TABLE base (a int); CREATE TABLE t (a int, b text); CREATE INDEX t_a ON t (a)",
                        "CREATE TABLE base (a int); CREATE VIEW t AS SELECT a FROM base"),
                differ("a view over a function whose result type changes is rebuilt",
                        "CREATE FUNCTION f() RETURNS int LANGUAGE sql RETURN 1; CREATE VIEW v AS SELECT f() AS x",
                        "CREATE FUNCTION f() RETURNS bigint LANGUAGE sql RETURN 1; CREATE VIEW v AS SELECT f() AS x"),
                differ("create a materialized view with an index", T,
                        T + "CREATE MATERIALIZED VIEW m AS SELECT a, count(*) AS n FROM t GROUP BY a;"
                                + " CREATE UNIQUE INDEX m_a ON m (a)"),
                differ("change a materialized view's query", T + "CREATE MATERIALIZED VIEW m AS SELECT a FROM t;"
                                + " CREATE INDEX m_a ON m (a)",
                        T + "CREATE MATERIALIZED VIEW m AS SELECT a, b FROM t; CREATE INDEX m_a ON m (a)"),
                // functions
                differ("create functions with every kind of body", T,
                        T + TOUCH
                                + "CREATE FUNCTION add(a integer, b integer DEFAULT 1) RETURNS integer LANGUAGE sql"
                                + " IMMUTABLE STRICT PARALLEL SAFE COST 5 RETURN a + b;"
                                + " CREATE FUNCTION count_t() RETURNS bigint LANGUAGE sql STABLE"
                                + " BEGIN ATOMIC SELECT count(*) FROM t; END;"
                                + " CREATE FUNCTION names() RETURNS SETOF text LANGUAGE sql STABLE SECURITY DEFINER"
                                + " SET search_path = public, pg_temp SET work_mem = '64MB' ROWS 10"
                                + " AS 'SELECT b FROM t';"
                                + " CREATE FUNCTION dollars() RETURNS text LANGUAGE sql AS $f$ SELECT '$$' $f$;"
                                + " CREATE PROCEDURE archive(before int) LANGUAGE plpgsql"
                                + " AS $$ BEGIN DELETE FROM t WHERE a < before; END $$;"
                                + " COMMENT ON FUNCTION add(integer, integer) IS 'sum'"),
                differ("change a function's body and attributes",
                        "CREATE FUNCTION f(x int) RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN x; END $$",
                        "CREATE FUNCTION f(x int) RETURNS int LANGUAGE plpgsql STABLE STRICT SECURITY DEFINER"
                                + " COST 10 SET search_path = pg_catalog AS $$ BEGIN RETURN x + 1; END $$"),
                differ("change a function's result type", "CREATE FUNCTION f() RETURNS int LANGUAGE sql RETURN 1",
                        "CREATE FUNCTION f() RETURNS bigint LANGUAGE sql RETURN 1"),
                differ("a column default calls a new function", T,
                        "CREATE FUNCTION code() RETURNS text LANGUAGE sql AS 'SELECT md5(random()::text)';"
                                + " CREATE TABLE t (a int, b text DEFAULT code())"),
                differ("revoke a function from PUBLIC and grant it to a role", RoundTrip.ROLE
                                + "CREATE FUNCTION f() RETURNS int LANGUAGE sql RETURN 1",
                        RoundTrip.ROLE + "CREATE FUNCTION f() RETURNS int LANGUAGE sql RETURN 1;"
                                + " REVOKE EXECUTE ON FUNCTION f() FROM PUBLIC;"
                                + " GRANT EXECUTE ON FUNCTION f() TO migrationtest_fix_reader"),
                // triggers
                differ("create, drop, change and disable triggers",
                        T + TOUCH + "CREATE TRIGGER t_old BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION touch();"
                                + " CREATE TRIGGER t_when BEFORE UPDATE ON t FOR EACH ROW EXECUTE FUNCTION touch();"
                                + " CREATE TRIGGER t_on AFTER DELETE ON t FOR EACH ROW EXECUTE FUNCTION touch()",
                        T + TOUCH + "CREATE TRIGGER t_new AFTER INSERT ON t FOR EACH STATEMENT EXECUTE FUNCTION touch();"
                                + " CREATE TRIGGER t_when BEFORE UPDATE ON t FOR EACH ROW WHEN (OLD.a IS DISTINCT"
                                + " FROM NEW.a) EXECUTE FUNCTION touch();"
                                + " CREATE TRIGGER t_on AFTER DELETE ON t FOR EACH ROW EXECUTE FUNCTION touch();"
                                + " ALTER TABLE t DISABLE TRIGGER t_on; COMMENT ON TRIGGER t_new ON t IS 'new'"),
                differ("create an event trigger", "",
                        "CREATE FUNCTION on_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN NULL; END $$;"
                                + " CREATE EVENT TRIGGER fix_ddl ON ddl_command_end WHEN TAG IN ('CREATE TABLE')"
                                + " EXECUTE FUNCTION on_ddl(); ALTER EVENT TRIGGER fix_ddl DISABLE"),
                // schemas, extensions, types
                differ("a new schema with a table in it", "",
                        "CREATE SCHEMA sales; COMMENT ON SCHEMA sales IS 'money'; CREATE TABLE sales.t (a int)"),
                differ("install an extension and use its type", "",
                        "CREATE EXTENSION citext; CREATE TABLE t (e citext)"),
                differ("create a domain and use it", "",
                        "CREATE DOMAIN positive AS integer NOT NULL DEFAULT 1 CONSTRAINT positive_check"
                                + " CHECK (VALUE > 0); CREATE TABLE t (p positive)"),
                differ("change a domain's default, nullability and constraints",
                        "CREATE DOMAIN d AS integer DEFAULT 1 CONSTRAINT low CHECK (VALUE > 0)"
                                + " CONSTRAINT gone CHECK (VALUE < 1000)",
                        "CREATE DOMAIN d AS integer NOT NULL CONSTRAINT low CHECK (VALUE >= 0)"
                                + " CONSTRAINT added CHECK (VALUE <> 7)"),
                differ("create a composite type", "",
                        "CREATE TYPE address AS (street text, city text COLLATE \"C\", zip varchar(10))"),
                differ("add and retype composite attributes",
                        "CREATE TYPE address AS (street text, zip int)",
                        "CREATE TYPE address AS (street text, zip bigint, country text)"),
                differ("create a range type", "",
                        "CREATE TYPE float_range AS RANGE (subtype = float8, subtype_diff = float8mi)"),
                // policies, grants, comments
                differ("create, drop and change policies",
                        T + "ALTER TABLE t ENABLE ROW LEVEL SECURITY;"
                                + " CREATE POLICY p_old ON t FOR SELECT USING (a > 0);"
                                + " CREATE POLICY p_change ON t FOR UPDATE USING (true)",
                        T + "ALTER TABLE t ENABLE ROW LEVEL SECURITY;"
                                + " CREATE POLICY p_new ON t AS RESTRICTIVE FOR INSERT WITH CHECK (b <> '');"
                                + " CREATE POLICY p_change ON t FOR UPDATE USING (a > 1) WITH CHECK (a < 100)"),
                differ("grant and revoke table privileges", RoundTrip.ROLE + T
                                + "GRANT SELECT, DELETE ON t TO migrationtest_fix_reader",
                        RoundTrip.ROLE + T + "GRANT SELECT, INSERT ON t TO migrationtest_fix_reader;"
                                + " GRANT UPDATE ON t TO migrationtest_fix_reader WITH GRANT OPTION"),
                differ("create, retarget, redefine and drop extended statistics",
                        T + "CREATE STATISTICS s_gone ON a, b FROM t; CREATE STATISTICS s_target ON a, b FROM t;"
                                + " ALTER STATISTICS s_target SET STATISTICS 100;"
                                + " CREATE STATISTICS s_redefined (ndistinct) ON a, b FROM t",
                        T + "CREATE STATISTICS s_target ON a, b FROM t; ALTER STATISTICS s_target SET STATISTICS 300;"
                                + " CREATE STATISTICS s_redefined (dependencies) ON a, b FROM t;"
                                + " CREATE STATISTICS s_new ON a, b FROM t; COMMENT ON STATISTICS s_new IS 'new'"),
                differ("rules made, redefined, disabled and dropped, on a table and on a view",
                        T + "CREATE VIEW v AS SELECT a, b FROM t; CREATE RULE r_gone AS ON DELETE TO t DO INSTEAD NOTHING;"
                                + " CREATE RULE r_changed AS ON UPDATE TO t DO ALSO NOTIFY t_changed",
                        T + "CREATE VIEW v AS SELECT a, b FROM t; CREATE RULE r_changed AS ON UPDATE TO t WHERE new.a > 0"
                                + " DO INSTEAD NOTHING; ALTER TABLE t DISABLE RULE r_changed;"
                                + " CREATE RULE v_insert AS ON INSERT TO v DO INSTEAD INSERT INTO t VALUES (new.a, new.b);"
                                + " COMMENT ON RULE v_insert ON v IS 'writes t'"),
                differ("a new view with an INSTEAD rule and an INSTEAD OF trigger", T + TOUCH,
                        T + TOUCH + "CREATE VIEW v AS SELECT a, b FROM t;"
                                + " CREATE RULE v_delete AS ON DELETE TO v DO INSTEAD DELETE FROM t WHERE t.a = old.a;"
                                + " CREATE TRIGGER v_touch INSTEAD OF INSERT ON v FOR EACH ROW EXECUTE FUNCTION touch()"),
                differ("publications: tables added and taken away, options set, made and dropped",
                        T + "CREATE TABLE u (id int PRIMARY KEY); CREATE PUBLICATION p_keep FOR TABLE t;"
                                + " CREATE PUBLICATION p_gone FOR ALL TABLES; CREATE PUBLICATION p_empty",
                        T + "CREATE TABLE u (id int PRIMARY KEY); CREATE TABLE v (id int);"
                                + " CREATE PUBLICATION p_keep FOR TABLE t, u, v WITH (publish = 'insert, delete',"
                                + " publish_via_partition_root = true); COMMENT ON PUBLICATION p_keep IS 'kept';"
                                + " CREATE PUBLICATION p_new FOR TABLE u WITH (publish = ''); CREATE PUBLICATION p_empty"
                                + " FOR TABLE v"),
                differ("extended statistics on a materialized view, made and dropped with it",
                        T + "CREATE MATERIALIZED VIEW m_old AS SELECT a, b FROM t; CREATE STATISTICS s_old ON a, b FROM m_old",
                        T + "CREATE MATERIALIZED VIEW m_new AS SELECT a, b FROM t; CREATE STATISTICS s_new ON a, b FROM m_new;"
                                + " ALTER STATISTICS s_new SET STATISTICS 200"),
                differ("comment view columns and give them defaults, change and take them away",
                        T + "CREATE VIEW v AS SELECT a, b FROM t; COMMENT ON COLUMN v.a IS 'old';"
                                + " COMMENT ON COLUMN v.b IS 'gone'; ALTER VIEW v ALTER COLUMN b SET DEFAULT 'x'",
                        T + "CREATE VIEW v AS SELECT a, b FROM t; COMMENT ON COLUMN v.a IS 'new';"
                                + " ALTER VIEW v ALTER COLUMN a SET DEFAULT 7;"
                                + " CREATE MATERIALIZED VIEW m AS SELECT a FROM t; COMMENT ON COLUMN m.a IS 'summed'"),
                differ("grant and revoke default privileges, in a schema and in every schema, of another role",
                        RoundTrip.ROLE + "ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, DELETE ON TABLES"
                                + " TO migrationtest_fix_reader; ALTER DEFAULT PRIVILEGES REVOKE USAGE ON TYPES FROM PUBLIC",
                        RoundTrip.ROLE + "ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT ON TABLES"
                                + " TO migrationtest_fix_reader WITH GRANT OPTION;"
                                + " ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;"
                                + " ALTER DEFAULT PRIVILEGES FOR ROLE migrationtest_fix_reader GRANT USAGE ON SEQUENCES"
                                + " TO PUBLIC"),
                differ("take back the grant option and keep the privilege", RoundTrip.ROLE + T
                                + "GRANT UPDATE ON t TO migrationtest_fix_reader WITH GRANT OPTION",
                        RoundTrip.ROLE + T + "GRANT UPDATE ON t TO migrationtest_fix_reader"),
                // names that need quoting
                differ("odd identifiers: mixed case, spaces, quotes and keywords", "",
                        "CREATE SCHEMA \"Sales Dept\"; CREATE TYPE \"Sales Dept\".\"Mood\" AS ENUM ('it''s ok');"
                                + " CREATE TABLE \"Sales Dept\".\"Order\" (\"Id\" int PRIMARY KEY, \"order\" text,"
                                + " \"my \"\"col\"\"\" int DEFAULT 1, \"select\" \"Sales Dept\".\"Mood\");"
                                + " CREATE INDEX \"Order idx\" ON \"Sales Dept\".\"Order\" (\"order\");"
                                + " CREATE VIEW \"Sales Dept\".\"My View\" AS SELECT \"Id\", \"select\""
                                + " FROM \"Sales Dept\".\"Order\";"
                                + " CREATE SEQUENCE \"Sales Dept\".\"Seq\";"
                                + " CREATE FUNCTION \"Sales Dept\".\"Do It\"(\"in\" int) RETURNS int LANGUAGE sql"
                                + " RETURN \"in\""),
                differ("keywords as lower-case names", "CREATE TABLE \"user\" (\"group\" int)",
                        "CREATE TABLE \"user\" (\"group\" int, \"order\" text CONSTRAINT \"check\" CHECK"
                                + " (\"order\" <> ''));"
                                + " CREATE INDEX \"index\" ON \"user\" (\"group\");"
                                + " ALTER TABLE \"user\" ADD UNIQUE (\"group\");"
                                + " CREATE TABLE \"table\" (\"user\" int REFERENCES \"user\" (\"group\")"
                                + " DEFERRABLE)"));
    }

    @Test
    void publications_of_a_schemas_tables_and_of_columns_and_rows_are_set_and_taken_back() throws Exception {
        assumeTrue(PostgresServer.shared().majorVersion() >= 15, "TABLES IN SCHEMA, column lists, row filters: Postgres 15");
        the_upgrade_reaches_the_desired_schema_and_the_downgrade_brings_the_head_schema_back("publications of 15",
                T + "CREATE SCHEMA s; CREATE TABLE s.x (id int); CREATE PUBLICATION p FOR TABLE t;"
                        + " CREATE PUBLICATION q FOR TABLES IN SCHEMA s",
                T + "CREATE SCHEMA s; CREATE TABLE s.x (id int); CREATE SCHEMA s2;"
                        + " CREATE PUBLICATION p FOR TABLE t (a) WHERE (a > 0);" // no column list beside a schema
                        + " CREATE PUBLICATION q FOR TABLE t WHERE (b <> 'x'), TABLES IN SCHEMA s2");
    }

    @Test
    void catalog_objects_left_behind_are_dropped_in_an_order_that_runs_and_their_creation_is_left_to_people()
            throws Exception {
        String objects = """
                CREATE FUNCTION plus(x int, y int) RETURNS int LANGUAGE sql IMMUTABLE AS 'select x + y';
                CREATE FUNCTION below(x int, y int) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'select x < y';
                CREATE TYPE mood AS ENUM ('ok');
                CREATE FUNCTION as_mood(int) RETURNS mood LANGUAGE sql AS $$ SELECT 'ok'::mood $$;
                """;
        String head = T + objects + """
                CREATE COLLATION ci (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
                CREATE TABLE named (name text COLLATE ci);
                CREATE TEXT SEARCH DICTIONARY d (TEMPLATE = pg_catalog.simple);
                CREATE TEXT SEARCH CONFIGURATION c (COPY = pg_catalog.english);
                ALTER TEXT SEARCH CONFIGURATION c ALTER MAPPING FOR asciiword WITH d;
                CREATE OPERATOR <<< (leftarg = int, rightarg = int, function = below);
                CREATE AGGREGATE total(int) (sfunc = plus, stype = int, sortop = <<<);
                CREATE OPERATOR CLASS ops FOR TYPE int USING btree AS OPERATOR 1 <<<, FUNCTION 1 btint4cmp(int, int);
                CREATE INDEX t_a ON t (a ops);
                CREATE CAST (int AS mood) WITH FUNCTION as_mood(int);
                CREATE FOREIGN DATA WRAPPER w;
                CREATE SERVER srv FOREIGN DATA WRAPPER w;
                CREATE USER MAPPING FOR CURRENT_USER SERVER srv;
                CREATE FOREIGN TABLE ft (id int) SERVER srv;
                CREATE CONVERSION conv FOR 'LATIN1' TO 'UTF8' FROM iso8859_1_to_utf8;
                """;
        try (RoundTrip trip = RoundTrip.of(head, T + objects)) {
            DiffResult left = trip.upgrade();
            assertThat(left.differences()).as("left after the upgrade:\n%s\n%s", left.render(), trip.migration().upgrade())
                    .isEmpty();
            assertThat(trip.migration().manual()).as(trip.migration().downgrade()).hasSize(13)
                    .allMatch(entry -> entry.contains(": not generated; create it as it was"));
        }
    }

    private static Arguments differ(String name, String head, String desired) {
        return Arguments.of(name, head, desired);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void the_upgrade_reaches_the_desired_schema_and_the_downgrade_brings_the_head_schema_back(String name,
            String head, String desired) throws Exception {
        try (RoundTrip trip = RoundTrip.of(head, desired)) {
            ClosingMigration migration = trip.migration();
            assertThat(trip.diff().isEmpty()).as("the case's schemas differ").isFalse();
            assertThat(migration.manual()).as(migration.upgrade()).isEmpty();

            DiffResult left = trip.upgrade();
            assertThat(left.differences()).as("left after the upgrade:\n%s\n%s", left.render(), migration.upgrade())
                    .isEmpty();

            DiffResult back = SchemaDiff.compare(trip.head(), trip.downgrade());
            assertThat(back.differences()).as("left after the downgrade:\n%s\n%s", back.render(),
                    migration.downgrade()).isEmpty();
            assertThat(trip.current()).isEqualTo(trip.head());
        }
    }
}
