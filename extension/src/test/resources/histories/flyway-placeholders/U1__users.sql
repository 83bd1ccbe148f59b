DROP TABLE ${prefix}_users;
