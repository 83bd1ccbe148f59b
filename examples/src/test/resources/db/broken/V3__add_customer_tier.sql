CREATE TYPE customer_tier AS ENUM ('bronze', 'silver', 'gold');
ALTER TABLE customers ADD COLUMN tier customer_tier NOT NULL DEFAULT 'bronze';
