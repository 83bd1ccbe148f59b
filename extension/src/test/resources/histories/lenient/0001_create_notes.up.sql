CREATE TABLE notes (id int PRIMARY KEY, title text, body text);
