drop table people;
drop table callback_log;
