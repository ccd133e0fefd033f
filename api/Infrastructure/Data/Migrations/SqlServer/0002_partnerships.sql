-- Partnerships. (Skeleton: the partnerships feature extends this script with its columns and tables.)
CREATE TABLE partnerships (
    id                CHAR(36)          NOT NULL PRIMARY KEY,
    municipality_code CHAR(3)           NOT NULL,
    created_at        DATETIMEOFFSET(7) NOT NULL,
    updated_at        DATETIMEOFFSET(7) NOT NULL,
    version           BIGINT            NOT NULL,
    deleted_at        DATETIMEOFFSET(7) NULL
);
GO
