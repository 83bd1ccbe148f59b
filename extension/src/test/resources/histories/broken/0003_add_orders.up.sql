CREATE TABLE orders (
    id bigserial PRIMARY KEY,
    user_id bigint NOT NULL REFERENCES users (id)
);
-- A typo: the column is user_id.
CREATE INDEX orders_user_idx ON orders (usr_id);
