-- §9.3 问题人员: the background screening of every guard change (modules/supervision/screening_*) and
-- the flagged persons it finds (modules/supervision/flagged_*).
--
-- guard_changes (0002) gains the screening worker's bookkeeping: a change is due while screened_at is
-- NULL and next_attempt_at has passed. A worker claims a change by moving next_attempt_at past a lease
-- (so that several server processes share the work); an adapter error counts an attempt and moves
-- next_attempt_at by the backoff; a change is screened (screened_at set) only when every database
-- answered pass or hit — an error never counts as a pass.
ALTER TABLE guard_changes ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE guard_changes ADD COLUMN next_attempt_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE guard_changes ADD COLUMN last_error TEXT;
CREATE INDEX guard_changes_due ON guard_changes(screened_at, next_attempt_at, id);

-- The results of a person in background_checks, by ID number (the local provider's drill mode counts
-- the errors already answered).
CREATE INDEX background_checks_person ON background_checks(id_no, database_code);

-- A guard the screening found on a police database (art. 17 disqualifications, the watch list): one
-- row per guard, its latest screening report (JSON: [{database, databaseName, detail, checkedAt}]),
-- the police opinion and the company's confirmation. state: pending (待处理) | dismiss (责令辞退) |
-- observe (继续观察) | false_positive (误报: the flag is cleared; a later hit opens it again).
CREATE TABLE flagged_persons (
  id {{ID}},
  guard_id BIGINT NOT NULL REFERENCES guards(id),
  id_no TEXT NOT NULL,
  name TEXT NOT NULL,
  reason TEXT NOT NULL,
  database_code TEXT NOT NULL,
  report TEXT NOT NULL,
  flagged_at BIGINT NOT NULL,
  state TEXT NOT NULL,
  opinion TEXT,
  opinion_by_name TEXT,
  opinion_at BIGINT,
  confirmation TEXT,
  confirmed_on TEXT,
  confirmed_at BIGINT,
  updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX flagged_persons_guard ON flagged_persons(guard_id);
CREATE INDEX flagged_persons_flagged ON flagged_persons(flagged_at, id);
CREATE INDEX flagged_persons_id_no ON flagged_persons(id_no);

-- Every opinion given (by hand or by import), the history of a flagged person. import_key: the
-- imported row's key (flagged id, action, opinion), so that the same file imported twice changes nothing.
CREATE TABLE flagged_opinions (
  id {{ID}},
  flagged_id BIGINT NOT NULL REFERENCES flagged_persons(id),
  action TEXT NOT NULL,
  opinion TEXT NOT NULL,
  source TEXT NOT NULL,
  import_key TEXT,
  by_user BIGINT,
  by_name TEXT NOT NULL,
  at BIGINT NOT NULL
);
CREATE INDEX flagged_opinions_flagged ON flagged_opinions(flagged_id, id);
