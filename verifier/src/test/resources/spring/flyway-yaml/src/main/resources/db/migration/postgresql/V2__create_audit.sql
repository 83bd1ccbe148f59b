CREATE TABLE ${auditTable} (id bigint PRIMARY KEY, happened_at timestamptz NOT NULL DEFAULT now());
