-- Sign-in throttling shared by every instance: equivalent to Sqlite/0010_sign_in_throttle.sql.

CREATE TABLE sign_in_throttle (
    throttle_key     NVARCHAR(400)     NOT NULL PRIMARY KEY,
    failures         INT               NOT NULL,
    last_failure_at  DATETIMEOFFSET(7) NOT NULL,
    blocked_until    DATETIMEOFFSET(7) NULL,
    version          BIGINT            NOT NULL
);
GO
CREATE INDEX ix_sign_in_throttle_last_failure ON sign_in_throttle (last_failure_at);
GO
