-- The per-key rate limit's counters, shared by every instance on this database: one row per key, the current
-- fixed window's start (unix seconds) and the requests counted in it. Bookkeeping, not content.
CREATE TABLE api_key_usage (
    counter_key  NVARCHAR(64) NOT NULL PRIMARY KEY,
    window_start BIGINT       NOT NULL,
    used         INT          NOT NULL
);
