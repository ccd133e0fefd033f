-- The partnership list's stored documents: each live partnership's JSON as its GET answers it (PartnershipDocuments),
-- with the version it was written from, so a page reads one row per partnership instead of the row, its parties and
-- goals. Since 0019 each document also records its format and holds the member names as they are. A document is
-- written after each write that records a partnership change has committed (DocumentRenderer); those missing, behind
-- or of another format are written by DocumentBackfill. A page uses the documents only when every one is current, and
-- is written from the tables otherwise. Equivalent to SqlServer/0016_partnership_documents.sql.
CREATE TABLE partnership_documents (
    partnership_id TEXT    NOT NULL PRIMARY KEY REFERENCES partnerships (id),
    version        INTEGER NOT NULL,
    body           TEXT    NOT NULL
);
