ALTER TABLE ${owner}_orders ADD COLUMN note text;
