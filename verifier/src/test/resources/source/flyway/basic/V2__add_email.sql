alter table users add column email text;
comment on column users.email is '${email_comment}';
