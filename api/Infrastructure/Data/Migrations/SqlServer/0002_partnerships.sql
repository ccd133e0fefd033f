-- Partnerships: agreements between a municipality and organisations, with parties, goals, periodic reviews
-- (progress per goal) and the history of status transitions. Equivalent to Sqlite/0002_partnerships.sql.
-- Every list filter has an index; filtered indexes skip archived rows (deleted_at) as the queries do.
CREATE TABLE partnerships (
    id                     CHAR(36)          NOT NULL PRIMARY KEY,
    title                  NVARCHAR(200)     NOT NULL,
    title_search           NVARCHAR(200)     NOT NULL,
    description            NVARCHAR(4000)    NULL,
    municipality_code      CHAR(3)           NOT NULL,
    service_area           VARCHAR(32)       NOT NULL,
    status                 VARCHAR(32)       NOT NULL,
    starts_on              DATE              NULL,
    ends_on                DATE              NULL,
    agreement_ref          NVARCHAR(100)     NULL,
    review_interval_months INT               NULL,
    next_review_due        DATE              NULL,
    created_at             DATETIMEOFFSET(7) NOT NULL,
    updated_at             DATETIMEOFFSET(7) NOT NULL,
    version                BIGINT            NOT NULL,
    deleted_at             DATETIMEOFFSET(7) NULL
);
GO
CREATE INDEX ix_partnerships_live ON partnerships (id) WHERE deleted_at IS NULL;
CREATE INDEX ix_partnerships_municipality ON partnerships (municipality_code, id) WHERE deleted_at IS NULL;
CREATE INDEX ix_partnerships_status ON partnerships (status, id) WHERE deleted_at IS NULL;
CREATE INDEX ix_partnerships_service_area ON partnerships (service_area, id) WHERE deleted_at IS NULL;
CREATE INDEX ix_partnerships_updated ON partnerships (updated_at, id) WHERE deleted_at IS NULL;
CREATE INDEX ix_partnerships_review_due ON partnerships (next_review_due, status) WHERE deleted_at IS NULL AND next_review_due IS NOT NULL;
GO

CREATE TABLE partnership_parties (
    partnership_id   CHAR(36)       NOT NULL REFERENCES partnerships (id),
    member_id        CHAR(36)       NOT NULL REFERENCES members (id),
    role             VARCHAR(32)    NOT NULL,
    responsibilities NVARCHAR(1000) NULL,
    position         INT            NOT NULL,
    PRIMARY KEY (partnership_id, member_id)
);
GO
-- The "member" filter: partnerships a member is a party to.
CREATE INDEX ix_partnership_parties_member ON partnership_parties (member_id, partnership_id);
GO

CREATE TABLE partnership_goals (
    id             CHAR(36)      NOT NULL PRIMARY KEY,
    partnership_id CHAR(36)      NOT NULL REFERENCES partnerships (id),
    title          NVARCHAR(200) NOT NULL,
    indicator      NVARCHAR(500) NULL,
    target         NVARCHAR(500) NULL,
    position       INT           NOT NULL
);
GO
CREATE INDEX ix_partnership_goals_partnership ON partnership_goals (partnership_id, position);
GO

CREATE TABLE partnership_reviews (
    id             CHAR(36)          NOT NULL PRIMARY KEY,
    partnership_id CHAR(36)          NOT NULL REFERENCES partnerships (id),
    reviewed_on    DATE              NOT NULL,
    summary        NVARCHAR(4000)    NOT NULL,
    next_steps     NVARCHAR(4000)    NULL,
    reviewed_by    NVARCHAR(200)     NULL,
    created_at     DATETIMEOFFSET(7) NOT NULL,
    updated_at     DATETIMEOFFSET(7) NOT NULL,
    version        BIGINT            NOT NULL
);
GO
CREATE INDEX ix_partnership_reviews_partnership ON partnership_reviews (partnership_id, id);
CREATE INDEX ix_partnership_reviews_reviewed_on ON partnership_reviews (partnership_id, reviewed_on);
GO

CREATE TABLE partnership_review_goals (
    review_id CHAR(36)       NOT NULL REFERENCES partnership_reviews (id),
    goal_id   CHAR(36)       NOT NULL REFERENCES partnership_goals (id),
    progress  INT            NOT NULL CHECK (progress BETWEEN 0 AND 100),
    comment   NVARCHAR(1000) NULL,
    position  INT            NOT NULL,
    PRIMARY KEY (review_id, goal_id)
);
GO
-- A goal that a review refers to cannot be removed: this answers "is it referred to?".
CREATE INDEX ix_partnership_review_goals_goal ON partnership_review_goals (goal_id);
GO

-- version is the partnership's version after the move: it orders the history even within one clock tick.
CREATE TABLE partnership_transitions (
    id             CHAR(36)          NOT NULL PRIMARY KEY,
    partnership_id CHAR(36)          NOT NULL REFERENCES partnerships (id),
    from_status    VARCHAR(32)       NOT NULL,
    to_status      VARCHAR(32)       NOT NULL,
    version        BIGINT            NOT NULL,
    note           NVARCHAR(1000)    NULL,
    at             DATETIMEOFFSET(7) NOT NULL,
    actor_id       NVARCHAR(200)     NULL,
    actor_name     NVARCHAR(200)     NULL
);
GO
CREATE INDEX ix_partnership_transitions_partnership ON partnership_transitions (partnership_id, version);
GO
