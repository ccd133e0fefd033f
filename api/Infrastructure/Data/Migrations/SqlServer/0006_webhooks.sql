-- Webhooks: subscriptions that push the change feed, and the log of delivery attempts.
-- Equivalent to Sqlite/0006_webhooks.sql. cursor_position is a change-feed position (the row_version as BIGINT).

CREATE TABLE webhook_subscriptions (
    id                 CHAR(36)          NOT NULL PRIMARY KEY,
    url                NVARCHAR(2000)    NOT NULL,
    types              VARCHAR(200)      NOT NULL,
    municipality_code  CHAR(3)           NULL,
    description        NVARCHAR(1000)    NULL,
    status             VARCHAR(16)       NOT NULL,
    -- The signing secret as ASP.NET Core Data Protection ciphertext; never stored in plain text.
    secret_protected   NVARCHAR(1000)    NOT NULL,
    cursor_position    BIGINT            NOT NULL,
    -- The last position of the batch being retried, so a retry resends exactly the same batch (same deliveryId).
    batch_end_position BIGINT            NULL,
    failing_since      DATETIMEOFFSET(7) NULL,
    next_attempt_at    DATETIMEOFFSET(7) NULL,
    attempt            INT               NOT NULL,
    lease_owner        CHAR(36)          NULL,
    lease_until        DATETIMEOFFSET(7) NULL,
    created_at         DATETIMEOFFSET(7) NOT NULL,
    updated_at         DATETIMEOFFSET(7) NOT NULL,
    version            BIGINT            NOT NULL,
    deleted_at         DATETIMEOFFSET(7) NULL
);
GO
CREATE INDEX ix_webhook_subscriptions_due ON webhook_subscriptions (status, next_attempt_at) WHERE deleted_at IS NULL;
GO

CREATE TABLE webhook_deliveries (
    id              CHAR(36)          NOT NULL PRIMARY KEY,
    subscription_id CHAR(36)          NOT NULL REFERENCES webhook_subscriptions (id),
    delivery_id     CHAR(36)          NOT NULL,
    attempted_at    DATETIMEOFFSET(7) NOT NULL,
    status_code     INT               NULL,
    duration_ms     BIGINT            NOT NULL,
    attempt         INT               NOT NULL,
    error           NVARCHAR(1000)    NULL,
    first_seq       BIGINT            NULL,
    last_seq        BIGINT            NULL
);
CREATE INDEX ix_webhook_deliveries_subscription ON webhook_deliveries (subscription_id, id);
CREATE INDEX ix_webhook_deliveries_attempted ON webhook_deliveries (attempted_at);
GO
