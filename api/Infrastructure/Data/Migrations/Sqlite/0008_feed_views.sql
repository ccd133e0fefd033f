-- Who could read a record as of each change-feed entry, so a write that takes a record out of some reader's view
-- can tell exactly those readers (a "view exit": a delete entry). Equivalent to SqlServer/0008_feed_views.sql.
--   public_view: 1 when API keys (and webhooks) may read the record as of this entry — for events, public and
--     published; for the other collections, always — 0 when only people with a role may. NULL on entries written
--     before this migration: those keep the old rule (an event's entries judged by the event as it is now).
--   after_municipality_code, after_public_view: set only on a view-exit entry, to the record's new municipality
--     and public_view. The exit is shown to readers who could read the record before (municipality_code,
--     public_view) and cannot after; a reader who can read it after sees only the upsert that follows.
ALTER TABLE changes ADD COLUMN public_view INTEGER NULL;
ALTER TABLE changes ADD COLUMN after_municipality_code TEXT NULL;
ALTER TABLE changes ADD COLUMN after_public_view INTEGER NULL;
-- A write finds the record's previous entry (what its readers saw) by this index.
CREATE INDEX ix_changes_entity ON changes (entity_type, entity_id, seq);
