-- Foundation: users, members with sectors and contacts, the change feed and the audit trail.
-- Equivalent to Sqlite/0001_foundation.sql. Ids are UUIDv7 text (char(36)) so text order is time order,
-- as on SQLite (uniqueidentifier sorts by its last bytes, which would break keyset order by id).

CREATE TABLE users (
    id               CHAR(36)          NOT NULL PRIMARY KEY,
    email            NVARCHAR(254)     NOT NULL,
    email_normalized NVARCHAR(254)     NOT NULL,
    display_name     NVARCHAR(200)     NOT NULL,
    role             VARCHAR(32)       NOT NULL,
    member_id        CHAR(36)          NULL,
    password_hash    NVARCHAR(400)     NOT NULL,
    created_at       DATETIMEOFFSET(7) NOT NULL,
    updated_at       DATETIMEOFFSET(7) NOT NULL,
    version          BIGINT            NOT NULL,
    deleted_at       DATETIMEOFFSET(7) NULL
);
GO
CREATE UNIQUE INDEX ux_users_email ON users (email_normalized) WHERE deleted_at IS NULL;
GO

CREATE TABLE members (
    id                 CHAR(36)          NOT NULL PRIMARY KEY,
    name               NVARCHAR(200)     NOT NULL,
    -- Finnish alphabetical key (A–Z, Å, Ä, Ö) built in C#; a binary collation keeps code-point order.
    name_sort          NVARCHAR(400)     COLLATE Latin1_General_100_BIN2 NOT NULL,
    name_search        NVARCHAR(200)     NOT NULL,
    business_id        VARCHAR(9)        NULL,
    kind               VARCHAR(32)       NOT NULL,
    municipality_code  CHAR(3)           NOT NULL,
    description        NVARCHAR(4000)    NULL,
    website            NVARCHAR(500)     NULL,
    email              NVARCHAR(254)     NULL,
    phone              NVARCHAR(40)      NULL,
    street             NVARCHAR(200)     NULL,
    postal_code        CHAR(5)           NULL,
    city               NVARCHAR(100)     NULL,
    membership_status  VARCHAR(32)       NOT NULL,
    joined_on          DATE              NULL,
    ended_on           DATE              NULL,
    created_at         DATETIMEOFFSET(7) NOT NULL,
    updated_at         DATETIMEOFFSET(7) NOT NULL,
    version            BIGINT            NOT NULL,
    deleted_at         DATETIMEOFFSET(7) NULL
);
GO
CREATE UNIQUE INDEX ux_members_business_id ON members (business_id) WHERE business_id IS NOT NULL AND deleted_at IS NULL;
CREATE INDEX ix_members_sort ON members (name_sort, id) WHERE deleted_at IS NULL;
CREATE INDEX ix_members_kind ON members (kind, name_sort, id) WHERE deleted_at IS NULL;
CREATE INDEX ix_members_municipality ON members (municipality_code, name_sort, id) WHERE deleted_at IS NULL;
CREATE INDEX ix_members_status ON members (membership_status, name_sort, id) WHERE deleted_at IS NULL;
GO

CREATE TABLE member_sectors (
    member_id CHAR(36)    NOT NULL REFERENCES members (id),
    sector    VARCHAR(32) NOT NULL,
    PRIMARY KEY (member_id, sector)
);
CREATE INDEX ix_member_sectors_sector ON member_sectors (sector, member_id);
GO

CREATE TABLE contacts (
    id         CHAR(36)          NOT NULL PRIMARY KEY,
    member_id  CHAR(36)          NOT NULL REFERENCES members (id),
    name       NVARCHAR(200)     NOT NULL,
    title      NVARCHAR(200)     NULL,
    email      NVARCHAR(254)     NULL,
    phone      NVARCHAR(40)      NULL,
    created_at DATETIMEOFFSET(7) NOT NULL,
    updated_at DATETIMEOFFSET(7) NOT NULL,
    version    BIGINT            NOT NULL,
    deleted_at DATETIMEOFFSET(7) NULL
);
CREATE INDEX ix_contacts_member ON contacts (member_id, id) WHERE deleted_at IS NULL;
GO

-- The change feed. Identity values on SQL Server are NOT handed out in commit order (a transaction that took
-- seq 10 may commit after one that took 11), so readers order and page by row_version and only read rows below
-- MIN_ACTIVE_ROWVERSION(): anything at or above it may still be overtaken by an open transaction.
CREATE TABLE changes (
    seq               BIGINT IDENTITY(1,1) NOT NULL PRIMARY KEY,
    row_version       ROWVERSION        NOT NULL,
    entity_type       VARCHAR(32)       NOT NULL,
    entity_id         CHAR(36)          NOT NULL,
    op                VARCHAR(16)       NOT NULL,
    version           BIGINT            NOT NULL,
    changed_at        DATETIMEOFFSET(7) NOT NULL,
    municipality_code CHAR(3)           NULL
);
CREATE UNIQUE INDEX ux_changes_row_version ON changes (row_version);
CREATE INDEX ix_changes_type ON changes (entity_type, row_version);
GO

CREATE TABLE audit (
    id           CHAR(36)          NOT NULL PRIMARY KEY,
    at           DATETIMEOFFSET(7) NOT NULL,
    actor_id     NVARCHAR(200)     NULL,
    actor_name   NVARCHAR(200)     NULL,
    entity_type  VARCHAR(32)       NOT NULL,
    entity_id    CHAR(36)          NOT NULL,
    op           VARCHAR(32)       NOT NULL,
    version      BIGINT            NOT NULL
);
CREATE INDEX ix_audit_entity ON audit (entity_type, entity_id, id);
GO
