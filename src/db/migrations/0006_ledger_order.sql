-- The ledger's default order: numbered suggestions by session and number, the unnumbered (still
-- in review) after them. An index on the same expressions lets the first page be read in order
-- instead of sorting every row.
CREATE INDEX suggestions_ledger ON suggestions(number IS NULL, session_id, number, id);
