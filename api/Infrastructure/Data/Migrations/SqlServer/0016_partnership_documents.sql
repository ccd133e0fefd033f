-- The partnership list's read model (issue 14): each live partnership's JSON object as the list writes it, rendered
-- in the transaction of every write that records a partnership change (PartnershipDocuments), with the version it
-- was rendered from. A page reads one row per partnership instead of the row, its parties and goals; the list uses a
-- document only while its version equals the partnership's, and renders the page from the tables otherwise.
-- Member names are not in the body (a marker stands where a party's memberName goes), so renaming a member changes
-- no document. Rows of partnerships from before this migration are filled in by PartnershipDocumentBackfill.
-- Equivalent to Sqlite/0016_partnership_documents.sql.
CREATE TABLE partnership_documents (
    partnership_id CHAR(36)      NOT NULL PRIMARY KEY REFERENCES partnerships (id),
    version        BIGINT        NOT NULL,
    body           NVARCHAR(MAX) NOT NULL
);
