-- GET /screening/status (§9.3) without counting the whole guard_changes table on every call (hundreds of
-- thousands of rows in a province, one per guard create or change, all screened but the latest few):
-- - done: a counter the worker moves in the transaction that marks changes screened (ScreeningStore::
--   markScreened counts only the rows it moved from unscreened, so a change is counted once);
-- - pending and errors: counted over the unscreened rows only, by an index that holds nothing else.
CREATE TABLE screening_counters (
  name TEXT PRIMARY KEY,
  value BIGINT NOT NULL
);
INSERT INTO screening_counters (name, value) SELECT 'done', COUNT(*) FROM guard_changes WHERE screened_at IS NOT NULL;
CREATE INDEX guard_changes_unscreened ON guard_changes(attempts) WHERE screened_at IS NULL;
