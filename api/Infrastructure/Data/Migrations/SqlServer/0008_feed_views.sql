-- Who could read a record as of each change-feed entry, so a write that takes a record out of some reader's view
-- can tell exactly those readers (a "view exit": a delete entry). Equivalent to Sqlite/0008_feed_views.sql,
-- which explains the columns. Added as NULL columns (no backfill): an UPDATE would give old entries new rowversions
-- and so move them to the end of the feed.
ALTER TABLE changes ADD public_view INT NULL, after_municipality_code CHAR(3) NULL, after_public_view INT NULL;
GO
CREATE INDEX ix_changes_entity ON changes (entity_type, entity_id, seq);
GO
