-- Sessions end when access ends: equivalent to Sqlite/0009_security_stamp.sql.

ALTER TABLE users ADD security_stamp VARCHAR(64) NOT NULL CONSTRAINT df_users_security_stamp DEFAULT '';
GO
UPDATE users SET security_stamp = LOWER(REPLACE(CONVERT(VARCHAR(36), NEWID()), '-', ''));
GO
