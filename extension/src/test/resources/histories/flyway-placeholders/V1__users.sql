CREATE TABLE ${prefix}_users (id int PRIMARY KEY);
