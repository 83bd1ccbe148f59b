alter table users drop column age;
alter table users drop column email;
