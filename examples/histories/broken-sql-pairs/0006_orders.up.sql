CREATE TABLE orders (
    id bigserial PRIMARY KEY,
    user_id bigint NOT NULL REFERENCES users (id),
    total numeric(12, 2) NOT NULL
);
-- A typo in the column name: this upgrade fails.
CREATE INDEX orders_user_idx ON orders (usr_id);
