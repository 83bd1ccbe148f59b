package io.github.migrationtest.verifier.source.liquibase;

import liquibase.change.custom.CustomSqlChange;
import liquibase.change.custom.CustomSqlRollback;
import liquibase.database.Database;
import liquibase.exception.ValidationErrors;
import liquibase.resource.ResourceAccessor;
import liquibase.statement.SqlStatement;
import liquibase.statement.core.RawSqlStatement;

/** A Java custom change, as a changelog's {@code customChange} names it: found on the test class path. */
public class CreatesAuditTable implements CustomSqlChange, CustomSqlRollback {

    @Override
    public SqlStatement[] generateStatements(Database database) {
        return new SqlStatement[] {new RawSqlStatement("create table audit_log (id bigint primary key, note text)")};
    }

    @Override
    public SqlStatement[] generateRollbackStatements(Database database) {
        return new SqlStatement[] {new RawSqlStatement("drop table audit_log")};
    }

    @Override
    public String getConfirmationMessage() {
        return "audit_log created";
    }

    @Override
    public void setUp() {
    }

    @Override
    public void setFileOpener(ResourceAccessor resourceAccessor) {
    }

    @Override
    public ValidationErrors validate(Database database) {
        return new ValidationErrors();
    }
}
