-- Outgoing mail (issue 22). mail_outbox is written in the transaction of the write that causes a message, so a message
-- is never lost nor sent for a write that rolled back; the sender takes rows under a lease (lease_owner, lease_until)
-- so two instances never send the same one, and message_id stays the same on every retry. Bodies holding personal data
-- are cleared (body_erased_at) some days after sending; recipient_normalized ties a row to its data subject (export,
-- erasure), reference_id to the registration or user it is about. Registrations record the language their messages
-- are written in and when the reminder was queued; password_resets keep only a hash of each single-use secret;
-- registration_requests remember every Idempotency-Key a registration was sent with, whether it made a registration or not (so a replay cannot tell).
-- Equivalent to SqlServer/0020_mail.sql.
CREATE TABLE mail_outbox (
    id                   TEXT    NOT NULL PRIMARY KEY,
    kind                 TEXT    NOT NULL,
    recipient            TEXT    NOT NULL,
    recipient_normalized TEXT    NOT NULL,
    language             TEXT    NOT NULL,
    subject              TEXT    NOT NULL,
    text_body            TEXT    NULL,
    html_body            TEXT    NULL,
    calendar             TEXT    NULL,
    message_id           TEXT    NOT NULL,
    reference_id         TEXT    NULL,
    status               TEXT    NOT NULL,
    attempts             INTEGER NOT NULL,
    pending_since        TEXT    NOT NULL,
    next_attempt_at      TEXT    NOT NULL,
    last_error           TEXT    NULL,
    lease_owner          TEXT    NULL,
    lease_until          TEXT    NULL,
    created_at           TEXT    NOT NULL,
    sent_at              TEXT    NULL,
    body_erased_at       TEXT    NULL
);
CREATE INDEX ix_mail_outbox_due ON mail_outbox (status, next_attempt_at);
CREATE INDEX ix_mail_outbox_recipient ON mail_outbox (recipient_normalized, status);
CREATE INDEX ix_mail_outbox_reference ON mail_outbox (reference_id);
CREATE INDEX ix_mail_outbox_status_id ON mail_outbox (status, id);

ALTER TABLE registrations ADD language TEXT NULL;
ALTER TABLE registrations ADD reminder_queued_at TEXT NULL;

CREATE TABLE password_resets (
    id         TEXT NOT NULL PRIMARY KEY,
    user_id    TEXT NOT NULL REFERENCES users (id),
    token_hash TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at    TEXT NULL,
    created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX ux_password_resets_token ON password_resets (token_hash);
CREATE INDEX ix_password_resets_user ON password_resets (user_id);

CREATE TABLE registration_requests (
    event_id        TEXT NOT NULL REFERENCES events (id),
    idempotency_key TEXT NOT NULL,
    request_hash    TEXT NOT NULL,
    registration_id TEXT NULL,
    created_at      TEXT NOT NULL,
    PRIMARY KEY (event_id, idempotency_key)
);
