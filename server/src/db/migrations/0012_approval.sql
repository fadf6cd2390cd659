-- The approval engine (manual §4–§5, DOMAIN.md "Workflow" and "Case procedure"): chains as data,
-- one row per case, and the log of every action.

-- The chain of each business type. Each save is a new version; a case keeps the version it started
-- with. `steps` is JSON: [{"name", "post", "level", "kind", "legalDays", "promisedDays",
-- "backgroundCheck"}].
CREATE TABLE workflow_versions (
  id {{ID}},
  business_type TEXT NOT NULL,
  version INTEGER NOT NULL,
  steps TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  created_by BIGINT
);
CREATE UNIQUE INDEX workflow_versions_type ON workflow_versions(business_type, version);

-- One application (申请) and its case (办件). Where it waits: step_index of its chain, at the post of
-- that step in the org at the step's level above the applicant's region (level_org_id), for any
-- holder of the post there or for one user (handler_user_id: assigned, transferred or delegated).
-- `version` makes two officers acting at once safe: an action writes only the version it read.
CREATE TABLE applications (
  id {{ID}},
  case_no TEXT,
  business_type TEXT NOT NULL,
  workflow_version_id BIGINT NOT NULL REFERENCES workflow_versions(id),
  status TEXT NOT NULL,
  applicant_user_id BIGINT NOT NULL REFERENCES users(id),
  applicant_company_id BIGINT REFERENCES companies(id),
  applicant_name TEXT NOT NULL,
  applicant_code TEXT NOT NULL,
  region_code TEXT NOT NULL,
  form TEXT NOT NULL,
  step_index INTEGER,
  step_post TEXT,
  level_org_id BIGINT,
  handler_user_id BIGINT,
  delegated_from_user_id BIGINT,
  step_arrived_at BIGINT,
  submitted_at BIGINT,
  accepted_at BIGINT,
  decided_at BIGINT,
  paused_at BIGINT,
  pause_kind TEXT,
  pauses TEXT NOT NULL DEFAULT '[]',
  extension_days INTEGER NOT NULL DEFAULT 0,
  correction_items TEXT,
  public_reason TEXT,
  previous_state TEXT,
  last_action_by BIGINT,
  version INTEGER NOT NULL DEFAULT 0,
  org_path TEXT {{PATH}} NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX applications_case_no ON applications(case_no) WHERE case_no IS NOT NULL;
-- 待办: the cases waiting at a post of an org.
CREATE INDEX applications_waiting ON applications(level_org_id, step_post, business_type, step_arrived_at);
CREATE INDEX applications_handler ON applications(handler_user_id) WHERE handler_user_id IS NOT NULL;
CREATE INDEX applications_applicant ON applications(applicant_user_id, id);
CREATE INDEX applications_scope ON applications(business_type, org_path, id);

-- 审批日志 (§4.1.2): every action, oldest first. `opinion` is internal to the police;
-- `public_note` is what the applicant reads (a refusal's reason, the items to correct).
CREATE TABLE application_log (
  id {{ID}},
  application_id BIGINT NOT NULL REFERENCES applications(id),
  at BIGINT NOT NULL,
  user_id BIGINT,
  user_name TEXT NOT NULL,
  org_name TEXT NOT NULL,
  post TEXT,
  post_name TEXT,
  on_behalf_of TEXT,
  step_index INTEGER,
  step_name TEXT,
  action TEXT NOT NULL,
  action_name TEXT NOT NULL,
  opinion TEXT,
  public_note TEXT,
  working_days INTEGER,
  natural_days INTEGER
);
CREATE INDEX application_log_case ON application_log(application_id, id);
CREATE INDEX application_log_user ON application_log(user_id, application_id);

-- Messages to an applicant's portal account at each outcome.
CREATE TABLE portal_messages (
  id {{ID}},
  user_id BIGINT NOT NULL REFERENCES users(id),
  application_id BIGINT REFERENCES applications(id),
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  read_at BIGINT
);
CREATE INDEX portal_messages_user ON portal_messages(user_id, id);

-- 常用语: an officer's own opinions to pick from.
CREATE TABLE opinion_phrases (
  id {{ID}},
  user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  text TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX opinion_phrases_user ON opinion_phrases(user_id, id);

-- SMS codes of the portal sign-up, by mobile (the account does not exist yet).
CREATE TABLE sign_up_codes (
  id {{ID}},
  mobile TEXT NOT NULL,
  code_hash TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  used_at BIGINT
);
CREATE INDEX sign_up_codes_mobile ON sign_up_codes(mobile, id);
