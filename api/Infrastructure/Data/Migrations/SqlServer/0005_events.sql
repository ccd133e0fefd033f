-- Events with organisers, registrations (capacity + waiting list) and feedback. Equivalent to Sqlite/0005_events.sql.

CREATE TABLE events (
    id                     CHAR(36)          NOT NULL PRIMARY KEY,
    title                  NVARCHAR(200)     NOT NULL,
    title_search           NVARCHAR(200)     NOT NULL,
    description            NVARCHAR(MAX)     NULL,
    starts_at              DATETIMEOFFSET(7) NOT NULL,
    ends_at                DATETIMEOFFSET(7) NOT NULL,
    venue_name             NVARCHAR(200)     NULL,
    venue_street           NVARCHAR(200)     NULL,
    venue_city             NVARCHAR(100)     NULL,
    municipality_code      CHAR(3)           NOT NULL,
    partnership_id         CHAR(36)          NULL REFERENCES partnerships (id),
    pilot_id               CHAR(36)          NULL REFERENCES pilots (id),
    capacity               INT               NULL,
    registration_opens_at  DATETIMEOFFSET(7) NULL,
    registration_closes_at DATETIMEOFFSET(7) NULL,
    visibility             VARCHAR(16)       NOT NULL,
    status                 VARCHAR(16)       NOT NULL,
    languages              VARCHAR(32)       NOT NULL,
    keywords               NVARCHAR(2000)    NOT NULL,
    confirmed_count        INT               NOT NULL DEFAULT 0,
    waitlist_count         INT               NOT NULL DEFAULT 0,
    ever_published         INT               NOT NULL DEFAULT 0,
    published_at           DATETIMEOFFSET(7) NULL,
    created_at             DATETIMEOFFSET(7) NOT NULL,
    updated_at             DATETIMEOFFSET(7) NOT NULL,
    version                BIGINT            NOT NULL,
    deleted_at             DATETIMEOFFSET(7) NULL
);
GO
CREATE INDEX ix_events_starts ON events (starts_at, id) WHERE deleted_at IS NULL;
CREATE INDEX ix_events_ends ON events (ends_at) WHERE deleted_at IS NULL;
CREATE INDEX ix_events_municipality ON events (municipality_code, starts_at, id) WHERE deleted_at IS NULL;
CREATE INDEX ix_events_status ON events (status, starts_at, id) WHERE deleted_at IS NULL;
CREATE INDEX ix_events_partnership ON events (partnership_id) WHERE partnership_id IS NOT NULL;
CREATE INDEX ix_events_pilot ON events (pilot_id) WHERE pilot_id IS NOT NULL;
GO

CREATE TABLE event_organizers (
    event_id  CHAR(36) NOT NULL REFERENCES events (id),
    member_id CHAR(36) NOT NULL REFERENCES members (id),
    PRIMARY KEY (event_id, member_id)
);
CREATE INDEX ix_event_organizers_member ON event_organizers (member_id, event_id);
GO

-- queue_seq orders an event's registrations by arrival (taken under the event's row lock), so the waiting
-- list position is the rank among waitlisted rows and promotion takes the lowest one.
CREATE TABLE registrations (
    id                      CHAR(36)          NOT NULL PRIMARY KEY,
    event_id                CHAR(36)          NOT NULL REFERENCES events (id),
    name                    NVARCHAR(200)     NOT NULL,
    email                   NVARCHAR(254)     NOT NULL,
    email_normalized        NVARCHAR(254)     NOT NULL,
    member_id               CHAR(36)          NULL REFERENCES members (id),
    notes                   NVARCHAR(2000)    NULL,
    status                  VARCHAR(16)       NOT NULL,
    queue_seq               INT               NOT NULL,
    cancel_token_hash       CHAR(64)          NOT NULL,
    idempotency_key         NVARCHAR(200)     NULL,
    first_status            VARCHAR(16)       NOT NULL,
    first_waitlist_position INT               NULL,
    created_at              DATETIMEOFFSET(7) NOT NULL,
    updated_at              DATETIMEOFFSET(7) NOT NULL,
    cancelled_at            DATETIMEOFFSET(7) NULL
);
GO
CREATE UNIQUE INDEX ux_registrations_email ON registrations (event_id, email_normalized) WHERE status <> 'cancelled';
CREATE UNIQUE INDEX ux_registrations_idempotency ON registrations (event_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE UNIQUE INDEX ux_registrations_token ON registrations (cancel_token_hash);
CREATE UNIQUE INDEX ux_registrations_queue ON registrations (event_id, queue_seq);
CREATE INDEX ix_registrations_status ON registrations (event_id, status, queue_seq);
GO

CREATE TABLE feedback (
    id              CHAR(36)          NOT NULL PRIMARY KEY,
    event_id        CHAR(36)          NOT NULL REFERENCES events (id),
    registration_id CHAR(36)          NULL REFERENCES registrations (id),
    rating          INT               NOT NULL CHECK (rating BETWEEN 1 AND 5),
    comment         NVARCHAR(2000)    NULL,
    created_at      DATETIMEOFFSET(7) NOT NULL
);
GO
CREATE UNIQUE INDEX ux_feedback_registration ON feedback (event_id, registration_id) WHERE registration_id IS NOT NULL;
CREATE INDEX ix_feedback_event ON feedback (event_id, rating);
GO
