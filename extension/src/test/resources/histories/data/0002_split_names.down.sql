ALTER TABLE people ADD COLUMN full_name text;
UPDATE people SET full_name = concat_ws(' ', first_name, last_name);
ALTER TABLE people ALTER COLUMN full_name SET NOT NULL;
ALTER TABLE people DROP COLUMN first_name, DROP COLUMN last_name;
