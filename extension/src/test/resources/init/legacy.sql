-- The schema another system owns: here only through this init script.
CREATE SCHEMA legacy;
CREATE TABLE legacy.customers (id int PRIMARY KEY, name text NOT NULL);
INSERT INTO legacy.customers VALUES (1, 'ada'), (2, 'grace');
