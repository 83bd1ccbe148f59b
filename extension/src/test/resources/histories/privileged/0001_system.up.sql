ALTER SYSTEM SET work_mem = '77MB';
