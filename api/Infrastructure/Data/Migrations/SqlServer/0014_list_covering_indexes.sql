-- Covering indexes for the partnership list's child reads, which set a page's cost per item; equivalent to
-- Sqlite/0014_list_covering_indexes.sql.
-- Keyed by (partnership_id, position) so rows come out in list order; the other read columns are included, not keyed
-- (responsibilities and goal texts would exceed the 1,700-byte key limit).
CREATE INDEX ix_partnership_parties_list ON partnership_parties (partnership_id, position) INCLUDE (member_id, role, responsibilities);
GO
CREATE INDEX ix_partnership_goals_list ON partnership_goals (partnership_id, position) INCLUDE (id, title, indicator, target);
GO
DROP INDEX ix_partnership_goals_partnership ON partnership_goals;
GO
