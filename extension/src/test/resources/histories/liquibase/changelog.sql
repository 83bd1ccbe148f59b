--liquibase formatted sql

--changeset dev:schema
CREATE TABLE t (id int);
--rollback DROP TABLE t;

--changeset dev:test-data context:test
INSERT INTO t VALUES (1);
--rollback DELETE FROM t;

--changeset dev:slow-index labels:slow
CREATE INDEX t_id ON t (id);
--rollback DROP INDEX t_id;
