-- placeholders are replaced in U scripts too
comment on column users.email is '${email_comment} (going)';
alter table users drop column email;
