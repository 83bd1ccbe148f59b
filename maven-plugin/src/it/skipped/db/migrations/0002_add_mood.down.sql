-- Forgets the type the upgrade created.
ALTER TABLE users DROP COLUMN mood;
