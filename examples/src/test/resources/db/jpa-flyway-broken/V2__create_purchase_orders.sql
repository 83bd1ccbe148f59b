-- The entity PurchaseOrder. Hibernate's @SequenceGenerator takes 50 ids per nextval() (its
-- allocationSize), so the sequence must count by 50.
CREATE SEQUENCE purchase_orders_seq INCREMENT BY 50;

CREATE TABLE purchase_orders (
    id bigint PRIMARY KEY,
    customer_id bigint NOT NULL CONSTRAINT purchase_orders_customer_fk REFERENCES customers (id),
    total numeric(12, 2) NOT NULL,
    placed_at timestamp(6) with time zone NOT NULL
);

CREATE INDEX purchase_orders_customer_idx ON purchase_orders (customer_id);
