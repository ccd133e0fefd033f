-- Events with organisers, registrations (capacity + waiting list) and feedback.
-- Instants are UTC text (ordered as text); display and iCalendar convert to Europe/Helsinki.

CREATE TABLE events (
    id                     TEXT    NOT NULL PRIMARY KEY,
    title                  TEXT    NOT NULL,
    title_search           TEXT    NOT NULL,
    description            TEXT    NULL,
    starts_at              TEXT    NOT NULL,
    ends_at                TEXT    NOT NULL,
    venue_name             TEXT    NULL,
    venue_street           TEXT    NULL,
    venue_city             TEXT    NULL,
    municipality_code      TEXT    NOT NULL,
    partnership_id         TEXT    NULL REFERENCES partnerships (id),
    pilot_id               TEXT    NULL REFERENCES pilots (id),
    capacity               INTEGER NULL,
    registration_opens_at  TEXT    NULL,
    registration_closes_at TEXT    NULL,
    visibility             TEXT    NOT NULL,
    status                 TEXT    NOT NULL,
    languages              TEXT    NOT NULL,
    keywords               TEXT    NOT NULL,
    confirmed_count        INTEGER NOT NULL DEFAULT 0,
    waitlist_count         INTEGER NOT NULL DEFAULT 0,
    ever_published         INTEGER NOT NULL DEFAULT 0,
    published_at           TEXT    NULL,
    created_at             TEXT    NOT NULL,
    updated_at             TEXT    NOT NULL,
    version                INTEGER NOT NULL,
    deleted_at             TEXT    NULL
);
CREATE INDEX ix_events_starts ON events (starts_at, id) WHERE deleted_at IS NULL;
CREATE INDEX ix_events_ends ON events (ends_at) WHERE deleted_at IS NULL;
CREATE INDEX ix_events_municipality ON events (municipality_code, starts_at, id) WHERE deleted_at IS NULL;
CREATE INDEX ix_events_status ON events (status, starts_at, id) WHERE deleted_at IS NULL;
CREATE INDEX ix_events_partnership ON events (partnership_id) WHERE partnership_id IS NOT NULL;
CREATE INDEX ix_events_pilot ON events (pilot_id) WHERE pilot_id IS NOT NULL;

CREATE TABLE event_organizers (
    event_id  TEXT NOT NULL REFERENCES events (id),
    member_id TEXT NOT NULL REFERENCES members (id),
    PRIMARY KEY (event_id, member_id)
);
CREATE INDEX ix_event_organizers_member ON event_organizers (member_id, event_id);

-- queue_seq orders an event's registrations by arrival (taken under the event's write lock), so the waiting
-- list position is the rank among waitlisted rows and promotion takes the lowest one.
CREATE TABLE registrations (
    id                      TEXT    NOT NULL PRIMARY KEY,
    event_id                TEXT    NOT NULL REFERENCES events (id),
    name                    TEXT    NOT NULL,
    email                   TEXT    NOT NULL,
    email_normalized        TEXT    NOT NULL,
    member_id               TEXT    NULL REFERENCES members (id),
    notes                   TEXT    NULL,
    status                  TEXT    NOT NULL,
    queue_seq               INTEGER NOT NULL,
    cancel_token_hash       TEXT    NOT NULL,
    idempotency_key         TEXT    NULL,
    first_status            TEXT    NOT NULL,
    first_waitlist_position INTEGER NULL,
    created_at              TEXT    NOT NULL,
    updated_at              TEXT    NOT NULL,
    cancelled_at            TEXT    NULL
);
CREATE UNIQUE INDEX ux_registrations_email ON registrations (event_id, email_normalized) WHERE status <> 'cancelled';
CREATE UNIQUE INDEX ux_registrations_idempotency ON registrations (event_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE UNIQUE INDEX ux_registrations_token ON registrations (cancel_token_hash);
CREATE UNIQUE INDEX ux_registrations_queue ON registrations (event_id, queue_seq);
CREATE INDEX ix_registrations_status ON registrations (event_id, status, queue_seq);

CREATE TABLE feedback (
    id              TEXT    NOT NULL PRIMARY KEY,
    event_id        TEXT    NOT NULL REFERENCES events (id),
    registration_id TEXT    NULL REFERENCES registrations (id),
    rating          INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
    comment         TEXT    NULL,
    created_at      TEXT    NOT NULL
);
CREATE UNIQUE INDEX ux_feedback_registration ON feedback (event_id, registration_id) WHERE registration_id IS NOT NULL;
CREATE INDEX ix_feedback_event ON feedback (event_id, rating);
