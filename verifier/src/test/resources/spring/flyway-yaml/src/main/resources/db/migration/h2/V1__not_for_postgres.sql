-- Another vendor's folder: {vendor} is postgresql, so this is never read.
CREATE MEMORY TABLE users (id BIGINT);
