-- ...but this index is on a column that stays: the downgrade leaves it behind.
ALTER TABLE users DROP COLUMN nickname;
