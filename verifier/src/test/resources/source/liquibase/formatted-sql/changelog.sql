--liquibase formatted sql

--changeset ada:1
create table orders (id int primary key, total numeric);
--rollback drop table orders;

--changeset ada:2
create function order_total(o int) returns numeric language sql as $$ select total from orders where id = o $$;
--rollback drop function order_total(int);

--changeset ada:3
insert into orders values (1, 10);
