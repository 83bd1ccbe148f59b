CREATE TABLE orders (id int PRIMARY KEY, customer_id int NOT NULL REFERENCES legacy.customers (id));
