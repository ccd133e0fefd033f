-- API keys for machine access. Only a SHA-256 hash of the key's secret part is stored; the public prefix
-- finds the row. Keys are never deleted: revoking sets revoked_at, so the list keeps their history.
-- last_used_at is bookkeeping, not content: updating it does not bump version or write a change/audit row.

CREATE TABLE api_keys (
    id                TEXT    NOT NULL PRIMARY KEY,
    name              TEXT    NOT NULL,
    key_prefix        TEXT    NOT NULL,
    key_hash          TEXT    NOT NULL,
    scopes            TEXT    NOT NULL,
    municipality_code TEXT    NULL,
    created_at        TEXT    NOT NULL,
    created_by        TEXT    NULL,
    last_used_at      TEXT    NULL,
    revoked_at        TEXT    NULL,
    version           INTEGER NOT NULL
);
CREATE UNIQUE INDEX ux_api_keys_prefix ON api_keys (key_prefix);
