SET lock_timeout = '1s';
CREATE INDEX orders_customer ON orders (customer);
