-- Forgets the index: dropping the column takes it along, so this one is fine.
ALTER TABLE customers DROP COLUMN email;
