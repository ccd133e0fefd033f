-- Stored documents become the bytes a GET answers (UTF-8 JSON of the response record) with the format they were written
-- in (DocumentFormat: a hash of the record's JSON contract); a list serves a document only at its record's version and
-- in today's format, so a release that changes a record's shape never serves a document an older one wrote. Documents
-- written before this migration were text holding references where member names go; the tables are made anew, and
-- DocumentBackfill writes every document again on start. Equivalent to SqlServer/0019_document_format.sql.
DROP TABLE partnership_documents;
DROP TABLE member_documents;
CREATE TABLE partnership_documents (
    partnership_id TEXT    NOT NULL PRIMARY KEY REFERENCES partnerships (id),
    version        INTEGER NOT NULL,
    format         TEXT    NOT NULL,
    body           BLOB    NOT NULL
);
CREATE TABLE member_documents (
    member_id TEXT    NOT NULL PRIMARY KEY REFERENCES members (id),
    version   INTEGER NOT NULL,
    format    TEXT    NOT NULL,
    body      BLOB    NOT NULL
);
