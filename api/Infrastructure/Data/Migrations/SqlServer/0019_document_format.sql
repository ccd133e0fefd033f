-- Stored documents become the bytes a GET answers (UTF-8 JSON of the response record) with the format they were written
-- in (DocumentFormat: a hash of the record's JSON contract); a list serves a document only at its record's version and
-- in today's format, so a release that changes a record's shape never serves a document an older one wrote. Documents
-- written before this migration were text holding references where member names go; the tables are made anew, and
-- DocumentBackfill writes every document again on start. Equivalent to Sqlite/0019_document_format.sql.
DROP TABLE partnership_documents;
GO
DROP TABLE member_documents;
GO
CREATE TABLE partnership_documents (
    partnership_id CHAR(36)       NOT NULL PRIMARY KEY REFERENCES partnerships (id),
    version        BIGINT         NOT NULL,
    format         VARCHAR(64)    NOT NULL,
    body           VARBINARY(MAX) NOT NULL
);
GO
CREATE TABLE member_documents (
    member_id CHAR(36)       NOT NULL PRIMARY KEY REFERENCES members (id),
    version   BIGINT         NOT NULL,
    format    VARCHAR(64)    NOT NULL,
    body      VARBINARY(MAX) NOT NULL
);
GO
