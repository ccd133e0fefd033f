-- Covering indexes for the partnership list's child reads, which set a page's cost per item. Parties are read per
-- partnership in position order with the party's own columns: with every column in the index SQLite walks it in order
-- and never sorts in a temporary B-tree or visits the table. Goals likewise; the new index supersedes
-- (partnership_id, position).
-- Equivalent to SqlServer/0014_list_covering_indexes.sql.
CREATE INDEX ix_partnership_parties_list ON partnership_parties (partnership_id, position, member_id, role, responsibilities);
CREATE INDEX ix_partnership_goals_list ON partnership_goals (partnership_id, position, id, title, indicator, target);
DROP INDEX ix_partnership_goals_partnership;
