-- Stored documents carry the format they were written in (DocumentFormat: a hash of the response record's JSON
-- contract), and a list serves a document only in today's format, so a release that changes a record's shape never
-- serves a document an older one wrote. Documents written before this migration held references where member names go
-- and have no format; they are removed here, and DocumentBackfill writes every document again on start.
-- Equivalent to SqlServer/0019_document_format.sql.
DELETE FROM partnership_documents;
DELETE FROM member_documents;
ALTER TABLE partnership_documents ADD COLUMN format TEXT NULL;
ALTER TABLE member_documents ADD COLUMN format TEXT NULL;
