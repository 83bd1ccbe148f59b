ALTER TABLE people ADD COLUMN first_name text, ADD COLUMN last_name text;
UPDATE people SET first_name = split_part(full_name, ' ', 1),
                  last_name = nullif(substr(full_name, length(split_part(full_name, ' ', 1)) + 2), '');
ALTER TABLE people ALTER COLUMN first_name SET NOT NULL;
ALTER TABLE people DROP COLUMN full_name;
