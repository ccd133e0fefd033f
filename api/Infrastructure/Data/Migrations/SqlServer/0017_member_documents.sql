-- The members list's stored documents, as partnership_documents (0016): each live member's JSON object as the list
-- writes it (MemberDocuments), rendered after every write that records a member change has committed
-- (DocumentRenderer), with the version it was rendered from; the list uses the documents only when every one is at its
-- member's version. Rows of members from before this migration are filled in by DocumentBackfill.
-- Equivalent to Sqlite/0017_member_documents.sql.
CREATE TABLE member_documents (
    member_id CHAR(36)      NOT NULL PRIMARY KEY REFERENCES members (id),
    version   BIGINT        NOT NULL,
    body      NVARCHAR(MAX) NOT NULL
);
