-- Issue 24 (security review, second round). Equivalent to Sqlite/0024_personal_data_keys.sql.
--
-- A sign-in throttle row that names an account keeps the account's email key beside its opaque throttle key, so a data
-- subject's export and erasure find it (rows of an address alone name nobody and have none).
ALTER TABLE sign_in_throttle ADD account_key NVARCHAR(254) NULL;
GO
CREATE INDEX ix_sign_in_throttle_account ON sign_in_throttle (account_key);
GO

-- People signed in through an external identity provider have no local account, yet writes copy their name beside
-- their subject into the audit log, the histories and reviews. This table ties a subject to the email its tokens
-- carried, so a data subject's export and erasure find those names too.
CREATE TABLE external_actors (
    subject           NVARCHAR(200)     NOT NULL PRIMARY KEY,
    email_normalized  NVARCHAR(254)     NOT NULL,
    display_name      NVARCHAR(200)     NULL,
    last_seen_at      DATETIMEOFFSET(7) NOT NULL
);
GO
CREATE INDEX ix_external_actors_email ON external_actors (email_normalized);
GO

-- Contact emails are stored normalised from now on (trimmed, lower case): export and erasure match them exactly.
-- Every row is rewritten: the default collation compares case-insensitively, so a WHERE on a difference would skip
-- "ÄIJÄ@…". SQL Server's LOWER folds every letter; StoredEmailNormalization checks the result at start-up as on SQLite.
UPDATE contacts SET email = NULLIF(LOWER(LTRIM(RTRIM(email))), N'') WHERE email IS NOT NULL;
GO
