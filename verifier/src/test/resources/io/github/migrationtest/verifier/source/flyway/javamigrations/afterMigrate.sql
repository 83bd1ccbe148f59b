-- A Flyway callback: it runs after every migrate, as it would in production.
insert into callback_log default values;
