DROP TABLE purchase_orders;
DROP SEQUENCE purchase_orders_seq;
