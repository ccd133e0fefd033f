-- Pilots: service experiments with a team, metrics, an evaluation and the history of their stage transitions.
-- Stage changes only through POST /pilots/{id}/transitions; every one is kept in pilot_transitions.
-- Amounts are REAL so every row reads back as one type (NUMERIC would mix integers and reals, which Dapper cannot map
-- into one decimal column); the API caps them at 10^12, well inside a double's 15 exact digits.
CREATE TABLE pilots (
    id                        TEXT    NOT NULL PRIMARY KEY,
    title                     TEXT    NOT NULL,
    title_search              TEXT    NOT NULL,
    theme                     TEXT    NOT NULL,
    problem                   TEXT    NULL,
    hypothesis                TEXT    NULL,
    municipality_code         TEXT    NOT NULL,
    partnership_id            TEXT    NULL REFERENCES partnerships (id),
    owner_member_id           TEXT    NOT NULL REFERENCES members (id),
    planned_start             TEXT    NULL,
    planned_end               TEXT    NULL,
    started_on                TEXT    NULL,
    ended_on                  TEXT    NULL,
    budget_eur                REAL    NULL,
    stage                     TEXT    NOT NULL,
    evaluation_results        TEXT    NULL,
    evaluation_impact         TEXT    NULL,
    evaluation_learnings      TEXT    NULL,
    evaluation_recommendation TEXT    NULL,
    created_at                TEXT    NOT NULL,
    updated_at                TEXT    NOT NULL,
    version                   INTEGER NOT NULL,
    deleted_at                TEXT    NULL
);
CREATE INDEX ix_pilots_live ON pilots (id) WHERE deleted_at IS NULL;
CREATE INDEX ix_pilots_theme ON pilots (theme, id) WHERE deleted_at IS NULL;
CREATE INDEX ix_pilots_stage ON pilots (stage, id) WHERE deleted_at IS NULL;
CREATE INDEX ix_pilots_municipality ON pilots (municipality_code, id) WHERE deleted_at IS NULL;
CREATE INDEX ix_pilots_owner ON pilots (owner_member_id, id) WHERE deleted_at IS NULL;
CREATE INDEX ix_pilots_partnership ON pilots (partnership_id, id) WHERE partnership_id IS NOT NULL AND deleted_at IS NULL;

CREATE TABLE pilot_team (
    pilot_id  TEXT    NOT NULL REFERENCES pilots (id),
    member_id TEXT    NOT NULL REFERENCES members (id),
    role      TEXT    NULL,
    position  INTEGER NOT NULL,
    PRIMARY KEY (pilot_id, member_id)
);
-- The member filter matches owner OR team: this index serves the team half.
CREATE INDEX ix_pilot_team_member ON pilot_team (member_id, pilot_id);

-- Metrics keep their id across PUTs (clients send it back); position keeps the client's order.
CREATE TABLE pilot_metrics (
    id        TEXT    NOT NULL PRIMARY KEY,
    pilot_id  TEXT    NOT NULL REFERENCES pilots (id),
    position  INTEGER NOT NULL,
    name      TEXT    NOT NULL,
    unit      TEXT    NULL,
    baseline  REAL    NULL,
    target    REAL    NULL,
    actual    REAL    NULL
);
CREATE INDEX ix_pilot_metrics_pilot ON pilot_metrics (pilot_id, position);

-- seq numbers a pilot's transitions 1, 2, … inside the writing transaction, so history order never depends on
-- clock resolution.
CREATE TABLE pilot_transitions (
    pilot_id   TEXT    NOT NULL REFERENCES pilots (id),
    seq        INTEGER NOT NULL,
    at         TEXT    NOT NULL,
    actor_id   TEXT    NULL,
    actor_name TEXT    NULL,
    from_stage TEXT    NOT NULL,
    to_stage   TEXT    NOT NULL,
    note       TEXT    NULL,
    PRIMARY KEY (pilot_id, seq)
);

-- The audit list filters by entity id alone too (ix_audit_entity leads with the type).
CREATE INDEX ix_audit_entity_id ON audit (entity_id, id);
