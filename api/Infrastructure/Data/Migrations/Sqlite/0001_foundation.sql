-- Foundation: users, members with sectors and contacts, the change feed and the audit trail.
-- Ids are UUIDv7 text; instants are UTC text 'yyyy-MM-ddTHH:mm:ss.fffffffZ' (ordered as text); dates 'yyyy-MM-dd'.

CREATE TABLE users (
    id               TEXT    NOT NULL PRIMARY KEY,
    email            TEXT    NOT NULL,
    email_normalized TEXT    NOT NULL,
    display_name     TEXT    NOT NULL,
    role             TEXT    NOT NULL,
    member_id        TEXT    NULL,
    password_hash    TEXT    NOT NULL,
    created_at       TEXT    NOT NULL,
    updated_at       TEXT    NOT NULL,
    version          INTEGER NOT NULL,
    deleted_at       TEXT    NULL
);
CREATE UNIQUE INDEX ux_users_email ON users (email_normalized) WHERE deleted_at IS NULL;

CREATE TABLE members (
    id                 TEXT    NOT NULL PRIMARY KEY,
    name               TEXT    NOT NULL,
    name_sort          TEXT    NOT NULL,
    name_search        TEXT    NOT NULL,
    business_id        TEXT    NULL,
    kind               TEXT    NOT NULL,
    municipality_code  TEXT    NOT NULL,
    description        TEXT    NULL,
    website            TEXT    NULL,
    email              TEXT    NULL,
    phone              TEXT    NULL,
    street             TEXT    NULL,
    postal_code        TEXT    NULL,
    city               TEXT    NULL,
    membership_status  TEXT    NOT NULL,
    joined_on          TEXT    NULL,
    ended_on           TEXT    NULL,
    created_at         TEXT    NOT NULL,
    updated_at         TEXT    NOT NULL,
    version            INTEGER NOT NULL,
    deleted_at         TEXT    NULL
);
CREATE UNIQUE INDEX ux_members_business_id ON members (business_id) WHERE business_id IS NOT NULL AND deleted_at IS NULL;
CREATE INDEX ix_members_sort ON members (name_sort, id) WHERE deleted_at IS NULL;
CREATE INDEX ix_members_kind ON members (kind, name_sort, id) WHERE deleted_at IS NULL;
CREATE INDEX ix_members_municipality ON members (municipality_code, name_sort, id) WHERE deleted_at IS NULL;
CREATE INDEX ix_members_status ON members (membership_status, name_sort, id) WHERE deleted_at IS NULL;

CREATE TABLE member_sectors (
    member_id TEXT NOT NULL REFERENCES members (id),
    sector    TEXT NOT NULL,
    PRIMARY KEY (member_id, sector)
);
CREATE INDEX ix_member_sectors_sector ON member_sectors (sector, member_id);

CREATE TABLE contacts (
    id         TEXT    NOT NULL PRIMARY KEY,
    member_id  TEXT    NOT NULL REFERENCES members (id),
    name       TEXT    NOT NULL,
    title      TEXT    NULL,
    email      TEXT    NULL,
    phone      TEXT    NULL,
    created_at TEXT    NOT NULL,
    updated_at TEXT    NOT NULL,
    version    INTEGER NOT NULL,
    deleted_at TEXT    NULL
);
CREATE INDEX ix_contacts_member ON contacts (member_id, id) WHERE deleted_at IS NULL;

-- The change feed. SQLite has one writer at a time, so an AUTOINCREMENT taken inside the writing transaction
-- is handed out in commit order: a reader can never pass a seq whose transaction is still open.
CREATE TABLE changes (
    seq               INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    entity_type       TEXT    NOT NULL,
    entity_id         TEXT    NOT NULL,
    op                TEXT    NOT NULL,
    version           INTEGER NOT NULL,
    changed_at        TEXT    NOT NULL,
    municipality_code TEXT    NULL
);
CREATE INDEX ix_changes_type ON changes (entity_type, seq);

CREATE TABLE audit (
    id           TEXT    NOT NULL PRIMARY KEY,
    at           TEXT    NOT NULL,
    actor_id     TEXT    NULL,
    actor_name   TEXT    NULL,
    entity_type  TEXT    NOT NULL,
    entity_id    TEXT    NOT NULL,
    op           TEXT    NOT NULL,
    version      INTEGER NOT NULL
);
CREATE INDEX ix_audit_entity ON audit (entity_type, entity_id, id);
