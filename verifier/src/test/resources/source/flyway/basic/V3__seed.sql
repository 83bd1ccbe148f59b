insert into users (name) values ('first');
