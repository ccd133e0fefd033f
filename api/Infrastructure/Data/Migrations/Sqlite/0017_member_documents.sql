-- The members list's stored documents, as partnership_documents (0016): each live member's JSON object as the list
-- writes it (MemberDocuments), rendered after every write that records a member change has committed
-- (DocumentRenderer), with the version it was rendered from; the list uses the documents only when every one is at its
-- member's version. Rows of members from before this migration are filled in by DocumentBackfill.
-- Equivalent to SqlServer/0017_member_documents.sql.
CREATE TABLE member_documents (
    member_id TEXT    NOT NULL PRIMARY KEY REFERENCES members (id),
    version   INTEGER NOT NULL,
    body      TEXT    NOT NULL
);
