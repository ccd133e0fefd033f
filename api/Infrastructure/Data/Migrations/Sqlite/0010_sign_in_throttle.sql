-- Sign-in throttling shared by every instance: one row per throttled key (an account at one client address, or a
-- client address alone) with its consecutive failures and the instant before which no attempt is allowed.
-- Rows are forgotten after a quiet period (see LoginThrottle), so no sign-in history is kept.

CREATE TABLE sign_in_throttle (
    throttle_key     TEXT    NOT NULL PRIMARY KEY,
    failures         INTEGER NOT NULL,
    last_failure_at  TEXT    NOT NULL,
    blocked_until    TEXT    NULL,
    version          INTEGER NOT NULL
);
CREATE INDEX ix_sign_in_throttle_last_failure ON sign_in_throttle (last_failure_at);
