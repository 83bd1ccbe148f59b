CREATE TABLE orders (
    id bigserial PRIMARY KEY,
    user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    total numeric(12, 2) NOT NULL CHECK (total >= 0),
    placed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX orders_user_idx ON orders (user_id);

CREATE FUNCTION order_count(p_user bigint) RETURNS bigint
LANGUAGE sql STABLE AS $$
    SELECT count(*) FROM orders WHERE user_id = p_user; -- a semicolon inside the body
$$;
