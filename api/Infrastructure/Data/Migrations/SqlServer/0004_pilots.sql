-- Pilots: service experiments with a team, metrics, an evaluation and the history of their stage transitions.
-- Equivalent to Sqlite/0004_pilots.sql.
CREATE TABLE pilots (
    id                        CHAR(36)          NOT NULL PRIMARY KEY,
    title                     NVARCHAR(200)     NOT NULL,
    title_search              NVARCHAR(200)     NOT NULL,
    theme                     VARCHAR(32)       NOT NULL,
    problem                   NVARCHAR(4000)    NULL,
    hypothesis                NVARCHAR(4000)    NULL,
    municipality_code         CHAR(3)           NOT NULL,
    partnership_id            CHAR(36)          NULL REFERENCES partnerships (id),
    owner_member_id           CHAR(36)          NOT NULL REFERENCES members (id),
    planned_start             DATE              NULL,
    planned_end               DATE              NULL,
    started_on                DATE              NULL,
    ended_on                  DATE              NULL,
    budget_eur                DECIMAL(14, 2)    NULL,
    stage                     VARCHAR(32)       NOT NULL,
    evaluation_results        NVARCHAR(4000)    NULL,
    evaluation_impact         NVARCHAR(4000)    NULL,
    evaluation_learnings      NVARCHAR(4000)    NULL,
    evaluation_recommendation NVARCHAR(4000)    NULL,
    created_at                DATETIMEOFFSET(7) NOT NULL,
    updated_at                DATETIMEOFFSET(7) NOT NULL,
    version                   BIGINT            NOT NULL,
    deleted_at                DATETIMEOFFSET(7) NULL
);
GO
CREATE INDEX ix_pilots_live ON pilots (id) WHERE deleted_at IS NULL;
CREATE INDEX ix_pilots_theme ON pilots (theme, id) WHERE deleted_at IS NULL;
CREATE INDEX ix_pilots_stage ON pilots (stage, id) WHERE deleted_at IS NULL;
CREATE INDEX ix_pilots_municipality ON pilots (municipality_code, id) WHERE deleted_at IS NULL;
CREATE INDEX ix_pilots_owner ON pilots (owner_member_id, id) WHERE deleted_at IS NULL;
CREATE INDEX ix_pilots_partnership ON pilots (partnership_id, id) WHERE partnership_id IS NOT NULL AND deleted_at IS NULL;
GO

CREATE TABLE pilot_team (
    pilot_id  CHAR(36)      NOT NULL REFERENCES pilots (id),
    member_id CHAR(36)      NOT NULL REFERENCES members (id),
    role      NVARCHAR(200) NULL,
    position  INT           NOT NULL,
    PRIMARY KEY (pilot_id, member_id)
);
CREATE INDEX ix_pilot_team_member ON pilot_team (member_id, pilot_id);
GO

CREATE TABLE pilot_metrics (
    id        CHAR(36)       NOT NULL PRIMARY KEY,
    pilot_id  CHAR(36)       NOT NULL REFERENCES pilots (id),
    position  INT            NOT NULL,
    name      NVARCHAR(200)  NOT NULL,
    unit      NVARCHAR(50)   NULL,
    baseline  DECIMAL(18, 4) NULL,
    target    DECIMAL(18, 4) NULL,
    actual    DECIMAL(18, 4) NULL
);
CREATE INDEX ix_pilot_metrics_pilot ON pilot_metrics (pilot_id, position);
GO

CREATE TABLE pilot_transitions (
    pilot_id   CHAR(36)          NOT NULL REFERENCES pilots (id),
    seq        INT               NOT NULL,
    at         DATETIMEOFFSET(7) NOT NULL,
    actor_id   NVARCHAR(200)     NULL,
    actor_name NVARCHAR(200)     NULL,
    from_stage VARCHAR(32)       NOT NULL,
    to_stage   VARCHAR(32)       NOT NULL,
    note       NVARCHAR(2000)    NULL,
    PRIMARY KEY (pilot_id, seq)
);
GO

CREATE INDEX ix_audit_entity_id ON audit (entity_id, id);
GO
