CREATE TABLE pairs (id int);
