-- Issue 24 (security review, second round). Equivalent to SqlServer/0024_personal_data_keys.sql.
--
-- A sign-in throttle row that names an account keeps the account's email key beside its opaque throttle key, so a data
-- subject's export and erasure find it (rows of an address alone name nobody and have none).
ALTER TABLE sign_in_throttle ADD COLUMN account_key TEXT NULL;
CREATE INDEX ix_sign_in_throttle_account ON sign_in_throttle (account_key);

-- People signed in through an external identity provider have no local account, yet writes copy their name beside
-- their subject into the audit log, the histories and reviews. This table ties a subject to the email its tokens
-- carried, so a data subject's export and erasure find those names too.
CREATE TABLE external_actors (
    subject           TEXT NOT NULL PRIMARY KEY,
    email_normalized  TEXT NOT NULL,
    display_name      TEXT NULL,
    last_seen_at      TEXT NOT NULL
);
CREATE INDEX ix_external_actors_email ON external_actors (email_normalized);

-- Contact emails are stored normalised from now on (trimmed, lower case): export and erasure match them exactly. SQLite's
-- LOWER folds ASCII only; the rest (Ä, Ö, …) is finished at start-up by StoredEmailNormalization, which folds in C#.
UPDATE contacts SET email = NULLIF(LOWER(TRIM(email)), '') WHERE email IS NOT NULL AND email <> LOWER(TRIM(email));
