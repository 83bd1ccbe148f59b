DROP FUNCTION order_count(bigint);
DROP TABLE orders;
