package io.github.migrationtest.verifier.source.script;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which scripts wrap all their work in one plain transaction of their own, so a caller's transaction can hold it. */
class OwnTransactionTest {

    private static Optional<OwnTransaction> of(String text) {
        return OwnTransaction.of(SqlScript.parse("f.sql", text));
    }

    @Test
    void a_plain_begin_first_and_commit_last_wrap_the_script() {
        assertThat(of("BEGIN;\nDROP TABLE t;\nCOMMIT;\n")).contains(new OwnTransaction(0, 2));
        assertThat(of("-- comment\nbegin transaction;\ncreate table t (id int);\ninsert into t values (1);\nend;"))
                .contains(new OwnTransaction(0, 3));
        assertThat(of("START TRANSACTION; COMMIT WORK;")).contains(new OwnTransaction(0, 1));
    }

    @Test
    void other_transaction_control_or_statements_outside_the_wrapper_do_not() {
        assertThat(of("DROP TABLE t;")).isEmpty();
        assertThat(of("BEGIN;\nDROP TABLE t;")).isEmpty();
        assertThat(of("DROP TABLE t;\nCOMMIT;")).isEmpty();
        assertThat(of("BEGIN ISOLATION LEVEL SERIALIZABLE;\nDROP TABLE t;\nCOMMIT;")).isEmpty();
        assertThat(of("BEGIN;\nDROP TABLE t;\nCOMMIT;\nDROP TABLE u;")).isEmpty();
        assertThat(of("BEGIN;\nDROP TABLE t;\nCOMMIT;\nBEGIN;\nDROP TABLE u;\nCOMMIT;")).isEmpty();
        assertThat(of("BEGIN;\nSAVEPOINT a;\nDROP TABLE t;\nROLLBACK TO a;\nCOMMIT;")).isEmpty();
        assertThat(of("BEGIN;\nDROP TABLE t;\nROLLBACK;")).isEmpty();
        assertThat(of("BEGIN;\nDROP TABLE t;\nCOMMIT AND CHAIN;")).isEmpty();
    }

    @Test
    void its_body_alone_decides_whether_a_caller_may_hold_it() {
        SqlScript wrapped = SqlScript.parse("w.sql", "BEGIN;\nDROP TABLE t;\nCOMMIT;");
        assertThat(TransactionRules.reasonToRunOutsideTransaction(wrapped, 17)).isPresent();
        assertThat(TransactionRules.reasonNotToJoin(wrapped, 17)).isEmpty();
        SqlScript concurrently = SqlScript.parse("c.sql", "BEGIN;\nCREATE INDEX CONCURRENTLY i ON t (a);\nCOMMIT;");
        assertThat(TransactionRules.reasonNotToJoin(concurrently, 17)).hasValueSatisfying(
                why -> assertThat(why).isEqualTo("c.sql:2: CREATE INDEX CONCURRENTLY cannot run inside a transaction"));
    }
}
