-- API keys for machine access. Equivalent to Sqlite/0003_api_keys.sql: only a SHA-256 hash (hex) of the key's
-- secret part is stored; the public prefix finds the row; revoking sets revoked_at.
-- last_used_at is bookkeeping, not content: updating it does not bump version or write a change/audit row.

CREATE TABLE api_keys (
    id                CHAR(36)          NOT NULL PRIMARY KEY,
    name              NVARCHAR(200)     NOT NULL,
    key_prefix        VARCHAR(32)       NOT NULL,
    key_hash          CHAR(64)          NOT NULL,
    scopes            VARCHAR(200)      NOT NULL,
    municipality_code CHAR(3)           NULL,
    created_at        DATETIMEOFFSET(7) NOT NULL,
    created_by        NVARCHAR(200)     NULL,
    last_used_at      DATETIMEOFFSET(7) NULL,
    revoked_at        DATETIMEOFFSET(7) NULL,
    version           BIGINT            NOT NULL
);
GO
CREATE UNIQUE INDEX ux_api_keys_prefix ON api_keys (key_prefix);
GO
