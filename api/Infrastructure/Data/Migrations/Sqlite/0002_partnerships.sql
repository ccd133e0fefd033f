-- Partnerships: agreements between a municipality and organisations, with parties, goals, periodic reviews
-- (progress per goal) and the history of status transitions. Equivalent to SqlServer/0002_partnerships.sql.
-- Every list filter has an index; partial indexes skip archived rows (deleted_at) as the queries do.
CREATE TABLE partnerships (
    id                     TEXT    NOT NULL PRIMARY KEY,
    title                  TEXT    NOT NULL,
    title_search           TEXT    NOT NULL,
    description            TEXT    NULL,
    municipality_code      TEXT    NOT NULL,
    service_area           TEXT    NOT NULL,
    status                 TEXT    NOT NULL,
    starts_on              TEXT    NULL,
    ends_on                TEXT    NULL,
    agreement_ref          TEXT    NULL,
    review_interval_months INTEGER NULL,
    next_review_due        TEXT    NULL,
    created_at             TEXT    NOT NULL,
    updated_at             TEXT    NOT NULL,
    version                INTEGER NOT NULL,
    deleted_at             TEXT    NULL
);
CREATE INDEX ix_partnerships_live ON partnerships (id) WHERE deleted_at IS NULL;
CREATE INDEX ix_partnerships_municipality ON partnerships (municipality_code, id) WHERE deleted_at IS NULL;
CREATE INDEX ix_partnerships_status ON partnerships (status, id) WHERE deleted_at IS NULL;
CREATE INDEX ix_partnerships_service_area ON partnerships (service_area, id) WHERE deleted_at IS NULL;
CREATE INDEX ix_partnerships_updated ON partnerships (updated_at, id) WHERE deleted_at IS NULL;
CREATE INDEX ix_partnerships_review_due ON partnerships (next_review_due, status) WHERE deleted_at IS NULL AND next_review_due IS NOT NULL;

CREATE TABLE partnership_parties (
    partnership_id   TEXT    NOT NULL REFERENCES partnerships (id),
    member_id        TEXT    NOT NULL REFERENCES members (id),
    role             TEXT    NOT NULL,
    responsibilities TEXT    NULL,
    position         INTEGER NOT NULL,
    PRIMARY KEY (partnership_id, member_id)
);
-- The "member" filter: partnerships a member is a party to.
CREATE INDEX ix_partnership_parties_member ON partnership_parties (member_id, partnership_id);

CREATE TABLE partnership_goals (
    id             TEXT    NOT NULL PRIMARY KEY,
    partnership_id TEXT    NOT NULL REFERENCES partnerships (id),
    title          TEXT    NOT NULL,
    indicator      TEXT    NULL,
    target         TEXT    NULL,
    position       INTEGER NOT NULL
);
CREATE INDEX ix_partnership_goals_partnership ON partnership_goals (partnership_id, position);

CREATE TABLE partnership_reviews (
    id             TEXT    NOT NULL PRIMARY KEY,
    partnership_id TEXT    NOT NULL REFERENCES partnerships (id),
    reviewed_on    TEXT    NOT NULL,
    summary        TEXT    NOT NULL,
    next_steps     TEXT    NULL,
    reviewed_by    TEXT    NULL,
    created_at     TEXT    NOT NULL,
    updated_at     TEXT    NOT NULL,
    version        INTEGER NOT NULL
);
CREATE INDEX ix_partnership_reviews_partnership ON partnership_reviews (partnership_id, id);
CREATE INDEX ix_partnership_reviews_reviewed_on ON partnership_reviews (partnership_id, reviewed_on);

CREATE TABLE partnership_review_goals (
    review_id TEXT    NOT NULL REFERENCES partnership_reviews (id),
    goal_id   TEXT    NOT NULL REFERENCES partnership_goals (id),
    progress  INTEGER NOT NULL CHECK (progress BETWEEN 0 AND 100),
    comment   TEXT    NULL,
    position  INTEGER NOT NULL,
    PRIMARY KEY (review_id, goal_id)
);
-- A goal that a review refers to cannot be removed: this answers "is it referred to?".
CREATE INDEX ix_partnership_review_goals_goal ON partnership_review_goals (goal_id);

-- version is the partnership's version after the move: it orders the history even within one clock tick.
CREATE TABLE partnership_transitions (
    id             TEXT NOT NULL PRIMARY KEY,
    partnership_id TEXT NOT NULL REFERENCES partnerships (id),
    from_status    TEXT NOT NULL,
    to_status      TEXT NOT NULL,
    version        INTEGER NOT NULL,
    note           TEXT NULL,
    at             TEXT NOT NULL,
    actor_id       TEXT NULL,
    actor_name     TEXT NULL
);
CREATE INDEX ix_partnership_transitions_partnership ON partnership_transitions (partnership_id, version);
