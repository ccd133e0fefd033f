-- The members list's stored documents (issue 14), as partnership_documents (0016): each live member's JSON object as
-- the list writes it, rendered in the transaction of every write that records a member change (MemberDocuments), with
-- the version it was rendered from; the list uses a document only while its version equals the member's. Rows of
-- members from before this migration are filled in by DocumentBackfill. Equivalent to SqlServer/0017_member_documents.sql.
CREATE TABLE member_documents (
    member_id TEXT    NOT NULL PRIMARY KEY REFERENCES members (id),
    version   INTEGER NOT NULL,
    body      TEXT    NOT NULL
);
