-- Sessions end when access ends: every token this API issues carries its user's security stamp, and a request whose
-- stamp differs from the stored one is refused. The stamp changes on deletion, role, member or password change and
-- "sign out everywhere". Existing users get a random stamp (tokens issued before this migration carry none).

ALTER TABLE users ADD COLUMN security_stamp TEXT NOT NULL DEFAULT '';
UPDATE users SET security_stamp = lower(hex(randomblob(16)));
