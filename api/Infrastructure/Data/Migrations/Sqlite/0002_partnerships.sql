-- Partnerships. (Skeleton: the partnerships feature extends this script with its columns and tables.)
CREATE TABLE partnerships (
    id                TEXT    NOT NULL PRIMARY KEY,
    municipality_code TEXT    NOT NULL,
    created_at        TEXT    NOT NULL,
    updated_at        TEXT    NOT NULL,
    version           INTEGER NOT NULL,
    deleted_at        TEXT    NULL
);
