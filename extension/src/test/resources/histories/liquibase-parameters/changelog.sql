--liquibase formatted sql

--changeset test:items
CREATE TABLE ${prefix}_items (id int PRIMARY KEY);
--rollback DROP TABLE ${prefix}_items;
