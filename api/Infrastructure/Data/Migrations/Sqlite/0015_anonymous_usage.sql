-- The per-address limit on anonymous endpoints, shared by every instance on this database: one row per client address
-- (IPv4, or an IPv6 /64) with the current fixed window's start (unix seconds) and the requests counted in it. The
-- address is personal data: a row is deleted once its window has ended (SharedWindowCounter, at most a minute later
-- on an instance that is serving such requests).
CREATE TABLE anonymous_usage (
    counter_key  TEXT    NOT NULL PRIMARY KEY,
    window_start INTEGER NOT NULL,
    used         INTEGER NOT NULL
);
