-- A data migration: "Ada Lovelace" becomes first_name 'Ada', last_name 'Lovelace'.
ALTER TABLE customers ADD COLUMN first_name text, ADD COLUMN last_name text;
UPDATE customers
   SET first_name = split_part(name, ' ', 1),
       last_name = nullif(substr(name, length(split_part(name, ' ', 1)) + 2), '');
ALTER TABLE customers ALTER COLUMN first_name SET NOT NULL;
ALTER TABLE customers DROP COLUMN name;
