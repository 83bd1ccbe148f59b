-- Leaves the enum type behind.
ALTER TABLE customers DROP COLUMN tier;
