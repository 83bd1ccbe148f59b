--liquibase formatted sql

--changeset dev:widgets context:test
CREATE TABLE ${tableName} (id int PRIMARY KEY, name ${columnType} NOT NULL);
--rollback DROP TABLE ${tableName};

--changeset dev:prod-only context:prod
CREATE TABLE prod_only (id int);
--rollback DROP TABLE prod_only;

--changeset dev:slow labels:slow
CREATE TABLE slow_one (id int);
--rollback DROP TABLE slow_one;
