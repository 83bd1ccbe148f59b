DROP INDEX orders_open_idx;
ALTER TABLE orders DROP COLUMN status;
DROP TYPE order_status;
