-- The background check (背景审查, §4.1.1; modules/background).
--
-- watch_list: 名单管理, the persons the local provider of adapters/background_check answers "hit" for,
-- one row per person and police database (code as configured in [background_check], e.g. fugitive).
-- Kept by administrators in their data scope (org_path of the org that keeps the entry); a check
-- looks at every entry, whoever keeps it.
CREATE TABLE watch_list (
  id {{ID}},
  id_no TEXT NOT NULL,
  name TEXT NOT NULL,
  database_code TEXT NOT NULL,
  situation TEXT NOT NULL,
  source TEXT,
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  org_path TEXT {{PATH}} NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  created_by BIGINT
);
CREATE UNIQUE INDEX watch_list_person ON watch_list(id_no, database_code);
CREATE INDEX watch_list_org_path ON watch_list(org_path, id);

-- background_checks: every result of every check, written once (the history of a case keeps them
-- all); the latest per (person, database) of a subject is what counts.
CREATE TABLE background_checks (
  id {{ID}},
  subject_kind TEXT NOT NULL,
  subject_id BIGINT NOT NULL,
  database_code TEXT NOT NULL,
  id_no TEXT NOT NULL,
  name TEXT NOT NULL,
  role TEXT,
  result TEXT NOT NULL,
  detail TEXT NOT NULL,
  checked_at BIGINT NOT NULL,
  checked_by BIGINT,
  checked_by_name TEXT NOT NULL
);
CREATE INDEX background_checks_subject ON background_checks(subject_kind, subject_id, id);
