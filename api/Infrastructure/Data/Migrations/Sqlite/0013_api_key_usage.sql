-- The per-key rate limit's counters, shared by every instance on this database: one row per key, the current
-- fixed window's start (unix seconds) and the requests counted in it. Bookkeeping, not content.
CREATE TABLE api_key_usage (
    counter_key  TEXT    NOT NULL PRIMARY KEY,
    window_start INTEGER NOT NULL,
    used         INTEGER NOT NULL
);
