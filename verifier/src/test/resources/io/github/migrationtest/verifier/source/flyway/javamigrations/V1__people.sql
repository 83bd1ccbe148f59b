create table people (id int primary key, name text);
insert into people values (1, 'ada');
create table callback_log (id serial primary key);
