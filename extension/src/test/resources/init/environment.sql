-- What the production environment provides before revision 1.
CREATE SCHEMA audit;
CREATE EXTENSION IF NOT EXISTS pgcrypto;
