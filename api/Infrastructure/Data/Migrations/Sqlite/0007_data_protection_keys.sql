-- The Data Protection key ring (it encrypts webhook signing secrets), kept in the database so every instance
-- behind a load balancer reads the same keys. Equivalent to SqlServer/0007_data_protection_keys.sql.
CREATE TABLE data_protection_keys (
    friendly_name TEXT NOT NULL PRIMARY KEY,
    xml           TEXT NOT NULL,
    created_at    TEXT NOT NULL
);
