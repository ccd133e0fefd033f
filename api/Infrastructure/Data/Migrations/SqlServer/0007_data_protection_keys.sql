-- The Data Protection key ring (it encrypts webhook signing secrets), kept in the database so every instance
-- behind a load balancer reads the same keys. Equivalent to Sqlite/0007_data_protection_keys.sql.
CREATE TABLE data_protection_keys (
    friendly_name NVARCHAR(200)     NOT NULL PRIMARY KEY,
    xml           NVARCHAR(MAX)     NOT NULL,
    created_at    DATETIMEOFFSET(7) NOT NULL
);
GO
