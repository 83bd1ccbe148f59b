ALTER TABLE customers ADD COLUMN email varchar(255);
CREATE UNIQUE INDEX customers_email_idx ON customers (lower(email));
