-- Spaces and bookings: the centre's rooms, halls and workspaces, the bookings of them (with their history of
-- transitions) and the weekly series that create bookings.
-- Opening hours, closures and features are JSON text: they are read with the space and never queried by value.
-- lock_seq is what a booking write updates first: on SQL Server that UPDATE takes the space row's exclusive lock until
-- commit, so the overlap check and the insert of two writers of the same space never interleave (on SQLite the write
-- transaction already holds the database's one write lock).
CREATE TABLE spaces (
    id                    TEXT    NOT NULL PRIMARY KEY,
    name                  TEXT    NOT NULL,
    name_search           TEXT    NOT NULL,
    kind                  TEXT    NOT NULL,
    description           TEXT    NULL,
    capacity              INTEGER NULL,
    features              TEXT    NOT NULL,
    street                TEXT    NULL,
    postal_code           TEXT    NULL,
    city                  TEXT    NULL,
    municipality_code     TEXT    NOT NULL,
    opening_hours         TEXT    NOT NULL,
    closures              TEXT    NOT NULL,
    min_minutes           INTEGER NOT NULL,
    max_minutes           INTEGER NULL,
    interval_minutes      INTEGER NOT NULL,
    buffer_before_minutes INTEGER NOT NULL,
    buffer_after_minutes  INTEGER NOT NULL,
    book_ahead_days       INTEGER NOT NULL,
    max_active_per_member INTEGER NULL,
    approval              TEXT    NOT NULL,
    cancel_hours_before   INTEGER NOT NULL,
    bookable_by           TEXT    NOT NULL,
    lock_seq              INTEGER NOT NULL,
    created_at            TEXT    NOT NULL,
    updated_at            TEXT    NOT NULL,
    version               INTEGER NOT NULL,
    deleted_at            TEXT    NULL
);
CREATE INDEX ix_spaces_live ON spaces (id) WHERE deleted_at IS NULL;
CREATE INDEX ix_spaces_kind ON spaces (kind, id) WHERE deleted_at IS NULL;
CREATE INDEX ix_spaces_municipality ON spaces (municipality_code, id) WHERE deleted_at IS NULL;

CREATE TABLE booking_series (
    id                TEXT    NOT NULL PRIMARY KEY,
    space_id          TEXT    NOT NULL REFERENCES spaces (id),
    member_id         TEXT    NULL REFERENCES members (id),
    repeat            TEXT    NOT NULL,
    until_date        TEXT    NOT NULL,
    purpose           TEXT    NULL,
    booked_by_id      TEXT    NULL,
    booked_by_name    TEXT    NULL,
    created_at        TEXT    NOT NULL,
    cancelled_at      TEXT    NULL
);

-- busy_from / busy_to are the booking's time with the space's buffers around it (a block has none). Two live bookings
-- of a space (requested, confirmed, blocked) never have one's time inside the other's busy interval.
CREATE TABLE bookings (
    id              TEXT    NOT NULL PRIMARY KEY,
    space_id        TEXT    NOT NULL REFERENCES spaces (id),
    member_id       TEXT    NULL REFERENCES members (id),
    series_id       TEXT    NULL REFERENCES booking_series (id),
    kind            TEXT    NOT NULL,
    status          TEXT    NOT NULL,
    purpose         TEXT    NULL,
    attendees       INTEGER NULL,
    starts_at       TEXT    NOT NULL,
    ends_at         TEXT    NOT NULL,
    busy_from       TEXT    NOT NULL,
    busy_to         TEXT    NOT NULL,
    override_reason TEXT    NULL,
    booked_by_id    TEXT    NULL,
    booked_by_name  TEXT    NULL,
    created_at      TEXT    NOT NULL,
    updated_at      TEXT    NOT NULL,
    version         INTEGER NOT NULL
);
CREATE INDEX ix_bookings_space_time ON bookings (space_id, starts_at, id);
CREATE INDEX ix_bookings_space_busy ON bookings (space_id, busy_from) WHERE status IN ('requested', 'confirmed', 'blocked');
CREATE INDEX ix_bookings_member ON bookings (member_id, starts_at, id) WHERE member_id IS NOT NULL;
CREATE INDEX ix_bookings_time ON bookings (starts_at, id);
CREATE INDEX ix_bookings_series ON bookings (series_id) WHERE series_id IS NOT NULL;
CREATE INDEX ix_bookings_booked_by ON bookings (booked_by_id) WHERE booked_by_id IS NOT NULL;

CREATE TABLE booking_transitions (
    booking_id  TEXT    NOT NULL REFERENCES bookings (id),
    seq         INTEGER NOT NULL,
    at          TEXT    NOT NULL,
    actor_id    TEXT    NULL,
    actor_name  TEXT    NULL,
    from_status TEXT    NULL,
    to_status   TEXT    NOT NULL,
    reason      TEXT    NULL,
    PRIMARY KEY (booking_id, seq)
);

-- An event may name a space as its venue; publishing it books the space (space_booking_id), cancelling it cancels that.
ALTER TABLE events ADD COLUMN space_id TEXT NULL REFERENCES spaces (id);
ALTER TABLE events ADD COLUMN space_booking_id TEXT NULL REFERENCES bookings (id);
