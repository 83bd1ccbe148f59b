package io.github.migrationtest.verifier.source.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;

class SqlSplitterTest {

    private static List<SqlStatement> split(String sql) {
        return SqlScript.parse("test.sql", sql).statements();
    }

    @Test
    void semicolons_end_statements_and_each_keeps_its_line_and_column() {
        List<SqlStatement> statements = split("create table a (id int);\n  create table b (id int);  insert into a values (1)");

        assertThat(statements).extracting(SqlStatement::sql, SqlStatement::line, SqlStatement::column).containsExactly(
                tuple("create table a (id int)", 1, 1),
                tuple("create table b (id int)", 2, 3),
                tuple("insert into a values (1)", 2, 29));
    }

    @Test
    void dollar_quoted_bodies_keep_their_semicolons() {
        String sql = """
                create function f() returns int language plpgsql as $$
                begin
                  perform 1; return 2;
                end $$;
                create function g() returns text language plpgsql as $body$
                begin return 'a;$$b'; end
                $body$;
                select 1;
                """;

        List<SqlStatement> statements = split(sql);

        assertThat(statements).hasSize(3);
        assertThat(statements.get(0).sql()).endsWith("end $$");
        assertThat(statements.get(1).sql()).contains("'a;$$b'").endsWith("$body$");
        assertThat(statements.get(2)).extracting(SqlStatement::sql, SqlStatement::line).containsExactly("select 1", 8);
    }

    @Test
    void comments_hide_semicolons_and_quotes_even_when_nested() {
        String sql = "-- it's a comment; with a quote\n"
                + "create table a (id int); /* outer /* inner; ' */ still comment; */\n"
                + "create table \"we;ird \"\"name\"\"\" (id int);\n";

        List<SqlStatement> statements = split(sql);

        assertThat(statements).extracting(SqlStatement::sql).containsExactly(
                "create table a (id int)", "create table \"we;ird \"\"name\"\"\" (id int)");
        assertThat(statements.get(0).line()).isEqualTo(2);
    }

    @Test
    void strings_with_doubled_quotes_and_backslash_escapes_keep_their_semicolons() {
        List<SqlStatement> statements = split("insert into t values ('it''s; fine', E'a\\'; b', 'c\\');\nselect 2;");

        assertThat(statements).extracting(SqlStatement::sql).containsExactly(
                "insert into t values ('it''s; fine', E'a\\'; b', 'c\\')", "select 2");
    }

    @Test
    void copy_from_stdin_carries_its_data_up_to_the_end_marker() {
        String sql = """
                create table t (a int, b text);
                COPY t (a, b) FROM stdin;
                1\tone; not a statement
                2\t'two'
                \\.
                select count(*) from t;
                """;

        List<SqlStatement> statements = split(sql);

        assertThat(statements).hasSize(3);
        SqlStatement copy = statements.get(1);
        assertThat(copy.isCopyIn()).isTrue();
        assertThat(copy.copyData()).isEqualTo("1\tone; not a statement\n2\t'two'\n");
        assertThat(copy.copyDataLine()).isEqualTo(3);
        assertThat(statements.get(2)).extracting(SqlStatement::sql, SqlStatement::line).containsExactly("select count(*) from t", 6);
    }

    @Test
    void begin_atomic_bodies_are_one_statement() {
        String sql = """
                create function add(a int, b int) returns int language sql
                begin atomic
                  select case when a is null then 0 else a end + b;
                end;
                select 1;
                """;

        assertThat(split(sql)).extracting(SqlStatement::line).containsExactly(1, 5);
    }

    @Test
    void code_leaves_out_comments_and_string_contents() {
        SqlStatement statement = split("/* create index concurrently */ create  index\n concurrently i on t ('vacuum'); ").get(0);

        assertThat(statement.code()).isEqualTo("CREATE INDEX CONCURRENTLY I ON T ('')");
        assertThat(statement.column()).isEqualTo(33);
    }

    @Test
    void a_region_of_a_file_keeps_the_file_line_numbers() {
        String text = "-- migrate:up\ncreate table a (id int);\n-- migrate:down\ndrop table a;\n";
        int from = text.indexOf("-- migrate:down") + "-- migrate:down".length();

        List<SqlStatement> statements = SqlScript.parse("x.sql", text, from, text.length()).statements();

        assertThat(statements).extracting(SqlStatement::sql, SqlStatement::line).containsExactly(tuple("drop table a", 4));
    }

    @Test
    void statements_that_cannot_run_in_a_transaction_are_named() {
        assertThat(TransactionRules.reasonToRunOutsideTransaction(SqlScript.parse("a.sql",
                "create table t (id int);\n-- create index concurrently in a comment\ncreate unique index concurrently i on t (id);"), 17))
                .hasValue("a.sql:3: CREATE INDEX CONCURRENTLY cannot run inside a transaction");
        assertThat(TransactionRules.reasonToRunOutsideTransaction(SqlScript.parse("a.sql", "alter type mood add value 'x';"), 11))
                .hasValueSatisfying(reason -> assertThat(reason).contains("ADD VALUE"))
                .hasValue("a.sql:1: ALTER TYPE ... ADD VALUE cannot run inside a transaction");
        assertThat(TransactionRules.reasonToRunOutsideTransaction(SqlScript.parse("a.sql", "alter type mood add value 'x';"), 12))
                .isEmpty();
        assertThat(TransactionRules.reasonToRunOutsideTransaction(SqlScript.parse("a.sql", "begin;\ncreate table t();\ncommit;"), 17))
                .hasValue("a.sql:1 controls its own transactions (BEGIN)");
        // It ends the transaction: nothing of the runner's (the bookkeeping's savepoint) may follow it there.
        assertThat(TransactionRules.reasonToRunOutsideTransaction(SqlScript.parse("a.sql",
                "create table t();\nprepare transaction 'x';"), 17))
                .hasValue("a.sql:2 controls its own transactions (PREPARE TRANSACTION)");
        assertThat(TransactionRules.reasonToRunOutsideTransaction(SqlScript.parse("a.sql", "vacuum analyze t;"), 17)).isPresent()
                .hasValue("a.sql:1: VACUUM cannot run inside a transaction");
        assertThat(TransactionRules.reasonToRunOutsideTransaction(SqlScript.parse("a.sql", "savepoint s;\nrollback to s;"), 17))
                .as("ROLLBACK TO a savepoint stays inside the transaction").isEmpty();
        assertThat(TransactionRules.reasonToRunOutsideTransaction(List.of(SqlScript.parse("a.sql", "select 1;"),
                SqlScript.parse("b.sql", "select 2;\ndrop index concurrently i;"), SqlScript.parse("c.sql", "vacuum;")), 17))
                .as("the first reason among the scripts of one step").hasValue("b.sql:2: DROP INDEX CONCURRENTLY cannot run inside a transaction");
        assertThat(TransactionRules.reasonToRunOutsideTransaction(SqlScript.parse("a.sql", "insert into t values ('vacuum');"), 17)).isEmpty();
    }
}
