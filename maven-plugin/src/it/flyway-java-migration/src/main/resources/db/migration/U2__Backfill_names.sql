ALTER TABLE people DROP COLUMN display_name;
