-- An Idempotency-Key replays the first answer only for the same request: the SHA-256 (hex) of the first request's
-- body is kept with the key, and a reuse with another body is refused (422). Rows from before have none.
ALTER TABLE registrations ADD COLUMN idempotency_request_hash TEXT NULL;
