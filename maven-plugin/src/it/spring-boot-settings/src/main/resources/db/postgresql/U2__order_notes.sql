ALTER TABLE ${owner}_orders DROP COLUMN note;
