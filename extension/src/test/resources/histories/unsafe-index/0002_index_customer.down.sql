SET lock_timeout = '1s';
DROP INDEX orders_customer;
