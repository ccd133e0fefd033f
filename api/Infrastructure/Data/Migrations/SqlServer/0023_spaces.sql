-- Spaces and bookings. Equivalent to Sqlite/0023_spaces.sql.
-- A booking write first runs UPDATE spaces SET lock_seq = lock_seq + 1 WHERE id = @SpaceId: the exclusive row lock it
-- takes is held to commit, so two writers of one space check for overlaps and insert one after the other.
CREATE TABLE spaces (
    id                    CHAR(36)          NOT NULL PRIMARY KEY,
    name                  NVARCHAR(200)     NOT NULL,
    name_search           NVARCHAR(200)     NOT NULL,
    kind                  VARCHAR(32)       NOT NULL,
    description           NVARCHAR(4000)    NULL,
    capacity              INT               NULL,
    features              NVARCHAR(1000)    NOT NULL,
    street                NVARCHAR(200)     NULL,
    postal_code           NVARCHAR(20)      NULL,
    city                  NVARCHAR(100)     NULL,
    municipality_code     CHAR(3)           NOT NULL,
    opening_hours         NVARCHAR(MAX)     NOT NULL,
    closures              NVARCHAR(MAX)     NOT NULL,
    min_minutes           INT               NOT NULL,
    max_minutes           INT               NULL,
    interval_minutes      INT               NOT NULL,
    buffer_before_minutes INT               NOT NULL,
    buffer_after_minutes  INT               NOT NULL,
    book_ahead_days       INT               NOT NULL,
    max_active_per_member INT               NULL,
    approval              VARCHAR(32)       NOT NULL,
    cancel_hours_before   INT               NOT NULL,
    bookable_by           VARCHAR(32)       NOT NULL,
    lock_seq              BIGINT            NOT NULL,
    created_at            DATETIMEOFFSET(7) NOT NULL,
    updated_at            DATETIMEOFFSET(7) NOT NULL,
    version               BIGINT            NOT NULL,
    deleted_at            DATETIMEOFFSET(7) NULL
);
GO
CREATE INDEX ix_spaces_live ON spaces (id) WHERE deleted_at IS NULL;
CREATE INDEX ix_spaces_kind ON spaces (kind, id) WHERE deleted_at IS NULL;
CREATE INDEX ix_spaces_municipality ON spaces (municipality_code, id) WHERE deleted_at IS NULL;
GO

CREATE TABLE booking_series (
    id                CHAR(36)          NOT NULL PRIMARY KEY,
    space_id          CHAR(36)          NOT NULL REFERENCES spaces (id),
    member_id         CHAR(36)          NULL REFERENCES members (id),
    repeat            VARCHAR(32)       NOT NULL,
    until_date        DATE              NOT NULL,
    purpose           NVARCHAR(500)     NULL,
    booked_by_id      NVARCHAR(200)     NULL,
    booked_by_name    NVARCHAR(200)     NULL,
    created_at        DATETIMEOFFSET(7) NOT NULL,
    cancelled_at      DATETIMEOFFSET(7) NULL
);
GO

CREATE TABLE bookings (
    id              CHAR(36)          NOT NULL PRIMARY KEY,
    space_id        CHAR(36)          NOT NULL REFERENCES spaces (id),
    member_id       CHAR(36)          NULL REFERENCES members (id),
    series_id       CHAR(36)          NULL REFERENCES booking_series (id),
    kind            VARCHAR(32)       NOT NULL,
    status          VARCHAR(32)       NOT NULL,
    purpose         NVARCHAR(500)     NULL,
    attendees       INT               NULL,
    starts_at       DATETIMEOFFSET(7) NOT NULL,
    ends_at         DATETIMEOFFSET(7) NOT NULL,
    busy_from       DATETIMEOFFSET(7) NOT NULL,
    busy_to         DATETIMEOFFSET(7) NOT NULL,
    override_reason NVARCHAR(1000)    NULL,
    booked_by_id    NVARCHAR(200)     NULL,
    booked_by_name  NVARCHAR(200)     NULL,
    created_at      DATETIMEOFFSET(7) NOT NULL,
    updated_at      DATETIMEOFFSET(7) NOT NULL,
    version         BIGINT            NOT NULL
);
GO
CREATE INDEX ix_bookings_space_time ON bookings (space_id, starts_at, id);
CREATE INDEX ix_bookings_space_busy ON bookings (space_id, busy_from) WHERE status IN ('requested', 'confirmed', 'blocked');
CREATE INDEX ix_bookings_member ON bookings (member_id, starts_at, id) WHERE member_id IS NOT NULL;
CREATE INDEX ix_bookings_time ON bookings (starts_at, id);
CREATE INDEX ix_bookings_series ON bookings (series_id) WHERE series_id IS NOT NULL;
CREATE INDEX ix_bookings_booked_by ON bookings (booked_by_id) WHERE booked_by_id IS NOT NULL;
GO

CREATE TABLE booking_transitions (
    booking_id  CHAR(36)          NOT NULL REFERENCES bookings (id),
    seq         INT               NOT NULL,
    at          DATETIMEOFFSET(7) NOT NULL,
    actor_id    NVARCHAR(200)     NULL,
    actor_name  NVARCHAR(200)     NULL,
    from_status VARCHAR(32)       NULL,
    to_status   VARCHAR(32)       NOT NULL,
    reason      NVARCHAR(1000)    NULL,
    PRIMARY KEY (booking_id, seq)
);
GO

ALTER TABLE events ADD space_id CHAR(36) NULL REFERENCES spaces (id), space_booking_id CHAR(36) NULL REFERENCES bookings (id);
GO
