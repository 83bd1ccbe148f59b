-- Leaves the enum type behind: the re-upgrade fails on CREATE TYPE.
ALTER TABLE users DROP COLUMN mood;
