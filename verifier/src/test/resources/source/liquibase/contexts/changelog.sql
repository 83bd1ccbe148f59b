--liquibase formatted sql

--changeset dev:schema
CREATE TABLE t (id int);
--rollback DROP TABLE t;

--changeset dev:test-data context:test
INSERT INTO t VALUES (1);

--changeset dev:slow-index labels:slow
CREATE INDEX t_id ON t (id);
--rollback DROP INDEX t_id;

--changeset dev:prod-only context:prod labels:slow
CREATE TABLE p (id int);
--rollback DROP TABLE p;
