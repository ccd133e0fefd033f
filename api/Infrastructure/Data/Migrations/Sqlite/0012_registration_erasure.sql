-- When a registration's personal data (name, email, notes) was erased: by the retention routine after the event, or on
-- a data subject's request. The row stays (counts, waiting-list statistics and feedback refer to it).
ALTER TABLE registrations ADD COLUMN personal_data_erased_at TEXT NULL;
CREATE INDEX ix_registrations_erasure ON registrations (event_id) WHERE personal_data_erased_at IS NULL;
