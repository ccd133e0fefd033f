-- Outgoing mail (issue 22). mail_outbox is written in the transaction of the write that causes a message, so a message
-- is never lost nor sent for a write that rolled back; the sender takes rows under a lease (lease_owner, lease_until)
-- so two instances never send the same one, and message_id stays the same on every retry. Bodies holding personal data
-- are cleared (body_erased_at) some days after sending; recipient_normalized ties a row to its data subject (export,
-- erasure), reference_id to the registration or user it is about. Registrations record the language their messages
-- are written in and when the reminder was queued; password_resets keep only a hash of each single-use secret;
-- registration_requests remember every Idempotency-Key a registration was sent with, whether it made a registration or not (so a replay cannot tell).
-- Equivalent to Sqlite/0020_mail.sql.
CREATE TABLE mail_outbox (
    id                   CHAR(36)          NOT NULL PRIMARY KEY,
    kind                 VARCHAR(64)       NOT NULL,
    recipient            NVARCHAR(254)     NOT NULL,
    recipient_normalized NVARCHAR(254)     NOT NULL,
    language             VARCHAR(8)        NOT NULL,
    subject              NVARCHAR(400)     NOT NULL,
    text_body            NVARCHAR(MAX)     NULL,
    html_body            NVARCHAR(MAX)     NULL,
    calendar             NVARCHAR(MAX)     NULL,
    message_id           VARCHAR(200)      NOT NULL,
    reference_id         CHAR(36)          NULL,
    status               VARCHAR(16)       NOT NULL,
    attempts             INT               NOT NULL,
    pending_since        DATETIMEOFFSET(7) NOT NULL,
    next_attempt_at      DATETIMEOFFSET(7) NOT NULL,
    last_error           NVARCHAR(1000)    NULL,
    lease_owner          CHAR(36)          NULL,
    lease_until          DATETIMEOFFSET(7) NULL,
    created_at           DATETIMEOFFSET(7) NOT NULL,
    sent_at              DATETIMEOFFSET(7) NULL,
    body_erased_at       DATETIMEOFFSET(7) NULL
);
GO
CREATE INDEX ix_mail_outbox_due ON mail_outbox (status, next_attempt_at);
CREATE INDEX ix_mail_outbox_recipient ON mail_outbox (recipient_normalized, status);
CREATE INDEX ix_mail_outbox_reference ON mail_outbox (reference_id);
CREATE INDEX ix_mail_outbox_status_id ON mail_outbox (status, id);
GO
ALTER TABLE registrations ADD language VARCHAR(8) NULL;
ALTER TABLE registrations ADD reminder_queued_at DATETIMEOFFSET(7) NULL;
GO
CREATE TABLE password_resets (
    id         CHAR(36)          NOT NULL PRIMARY KEY,
    user_id    CHAR(36)          NOT NULL REFERENCES users (id),
    token_hash CHAR(64)          NOT NULL,
    expires_at DATETIMEOFFSET(7) NOT NULL,
    used_at    DATETIMEOFFSET(7) NULL,
    created_at DATETIMEOFFSET(7) NOT NULL
);
GO
CREATE UNIQUE INDEX ux_password_resets_token ON password_resets (token_hash);
CREATE INDEX ix_password_resets_user ON password_resets (user_id);
GO
CREATE TABLE registration_requests (
    event_id        CHAR(36)          NOT NULL REFERENCES events (id),
    idempotency_key NVARCHAR(200)     NOT NULL,
    request_hash    CHAR(64)          NOT NULL,
    registration_id CHAR(36)          NULL,
    created_at      DATETIMEOFFSET(7) NOT NULL,
    PRIMARY KEY (event_id, idempotency_key)
);
GO
