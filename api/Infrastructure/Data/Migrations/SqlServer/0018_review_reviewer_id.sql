-- Who wrote a review, by user id (the token's subject), beside the display name it shows: erasing a user's personal
-- data then finds their reviews by id and clears the name (ErasePersonalData). Reviews written before this migration
-- have no id; erasure matches them by the exact display name instead. Equivalent to Sqlite/0018_review_reviewer_id.sql.
ALTER TABLE partnership_reviews ADD reviewed_by_id NVARCHAR(200) NULL;
GO
