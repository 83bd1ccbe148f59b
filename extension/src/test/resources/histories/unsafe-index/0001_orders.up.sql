CREATE TABLE orders (id int PRIMARY KEY, customer int);
INSERT INTO orders SELECT g, g % 7 FROM generate_series(1, 100) g;
