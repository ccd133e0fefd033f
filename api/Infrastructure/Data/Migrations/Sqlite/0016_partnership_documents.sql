-- The partnership list's read model: each live partnership's JSON object as the list writes it (PartnershipDocuments),
-- with the version it was rendered from, so a page reads one row per partnership instead of the row, its parties and
-- goals. A document is rendered after each write that records a partnership change has committed (DocumentRenderer);
-- those missing or behind (partnerships from before this migration, writes of an instance that stopped first) are
-- filled in by DocumentBackfill. A page uses the documents only when every one is at its partnership's version, and is
-- written from the tables otherwise. A party's memberName is not stored: a reference to the member stands in its place,
-- replaced with the current name when the page is written; a rename still gives the partnership a new version, so its
-- document is rendered again. Equivalent to SqlServer/0016_partnership_documents.sql.
CREATE TABLE partnership_documents (
    partnership_id TEXT    NOT NULL PRIMARY KEY REFERENCES partnerships (id),
    version        INTEGER NOT NULL,
    body           TEXT    NOT NULL
);
