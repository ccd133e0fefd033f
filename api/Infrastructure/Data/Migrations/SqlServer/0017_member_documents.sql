-- The members list's stored documents, as partnership_documents (0016): each live member's JSON as its GET answers it
-- (MemberDocuments), written after every write that records a member change has committed (DocumentRenderer), with
-- the version (and since 0019 the format) it was written in; the list uses the documents only when every one is
-- current. Those missing, behind or of another format are written by DocumentBackfill.
-- Equivalent to Sqlite/0017_member_documents.sql.
CREATE TABLE member_documents (
    member_id CHAR(36)      NOT NULL PRIMARY KEY REFERENCES members (id),
    version   BIGINT        NOT NULL,
    body      NVARCHAR(MAX) NOT NULL
);
