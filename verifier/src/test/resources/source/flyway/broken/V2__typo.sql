alter table users add column email text;

alter table users
    add column age integr;
