DROP TABLE ${owner}_orders;
