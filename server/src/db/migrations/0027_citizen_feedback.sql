-- 市民投诉建议 (manual §9.2, issue 15): what citizens send from the public page (no sign-in) and how the
-- police handle it. A feedback is received by the bureau of its region (the county's 分局/县局, else the
-- city's 市局: org_id/org_path, the scope of officers); 分派 moves it to a lower org (org_path follows).
-- type: complaint | suggestion | inquiry. state: received → assigned → replied → closed (a reply may also
-- come straight from received; closed ends it). code: the 查询码 the citizen looks it up with (with the
-- mobile). company_id: the company concerned (optional, an active registry company).
CREATE TABLE citizen_feedback (
  id {{ID}},
  code TEXT NOT NULL,
  type TEXT NOT NULL,
  company_id BIGINT REFERENCES companies(id),
  guard_name TEXT,
  content TEXT NOT NULL,
  region_code TEXT NOT NULL,
  name TEXT,
  mobile TEXT NOT NULL,
  state TEXT NOT NULL,
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  org_path TEXT {{PATH}} NOT NULL,
  reply TEXT,
  replied_at BIGINT,
  replied_by BIGINT,
  assigned_at BIGINT,
  closed_at BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX citizen_feedback_code ON citizen_feedback(code);
CREATE INDEX citizen_feedback_org_path ON citizen_feedback(org_path, created_at);
CREATE INDEX citizen_feedback_company ON citizen_feedback(company_id, created_at);

-- The SMS codes proving the citizen's mobile: one live code per mobile, five guesses, 5 minutes.
CREATE TABLE citizen_feedback_codes (
  id {{ID}},
  mobile TEXT NOT NULL,
  code_hash TEXT NOT NULL,
  attempts BIGINT NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  used_at BIGINT
);
CREATE INDEX citizen_feedback_codes_mobile ON citizen_feedback_codes(mobile, id);

-- The handling limit in working days (set by the administrator; one row).
CREATE TABLE citizen_feedback_settings (
  id BIGINT PRIMARY KEY,
  limit_days BIGINT NOT NULL,
  updated_by BIGINT,
  updated_at BIGINT NOT NULL
);
INSERT INTO citizen_feedback_settings (id, limit_days, updated_at) VALUES (1, 15, 0);
