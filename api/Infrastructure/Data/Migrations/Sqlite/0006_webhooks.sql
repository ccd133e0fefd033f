-- Webhooks: subscriptions that push the change feed, and the log of delivery attempts.
-- A subscription's cursor_position is a change-feed position (see ChangeFeedReader); the feed itself is the outbox.

CREATE TABLE webhook_subscriptions (
    id                 TEXT    NOT NULL PRIMARY KEY,
    url                TEXT    NOT NULL,
    types              TEXT    NOT NULL,
    municipality_code  TEXT    NULL,
    description        TEXT    NULL,
    status             TEXT    NOT NULL,
    -- The signing secret as ASP.NET Core Data Protection ciphertext; never stored in plain text.
    secret_protected   TEXT    NOT NULL,
    cursor_position    INTEGER NOT NULL,
    -- The last position of the batch being retried, so a retry resends exactly the same batch (same deliveryId).
    batch_end_position INTEGER NULL,
    failing_since      TEXT    NULL,
    next_attempt_at    TEXT    NULL,
    attempt            INTEGER NOT NULL,
    lease_owner        TEXT    NULL,
    lease_until        TEXT    NULL,
    created_at         TEXT    NOT NULL,
    updated_at         TEXT    NOT NULL,
    version            INTEGER NOT NULL,
    deleted_at         TEXT    NULL
);
CREATE INDEX ix_webhook_subscriptions_due ON webhook_subscriptions (status, next_attempt_at) WHERE deleted_at IS NULL;

CREATE TABLE webhook_deliveries (
    id              TEXT    NOT NULL PRIMARY KEY,
    subscription_id TEXT    NOT NULL REFERENCES webhook_subscriptions (id),
    delivery_id     TEXT    NOT NULL,
    attempted_at    TEXT    NOT NULL,
    status_code     INTEGER NULL,
    duration_ms     INTEGER NOT NULL,
    attempt         INTEGER NOT NULL,
    error           TEXT    NULL,
    first_seq       INTEGER NULL,
    last_seq        INTEGER NULL
);
CREATE INDEX ix_webhook_deliveries_subscription ON webhook_deliveries (subscription_id, id);
CREATE INDEX ix_webhook_deliveries_attempted ON webhook_deliveries (attempted_at);
