DROP INDEX customers_email_idx;
ALTER TABLE customers DROP COLUMN email;
