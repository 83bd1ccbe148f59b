alter table people drop column display_name;
