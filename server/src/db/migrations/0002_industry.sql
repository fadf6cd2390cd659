-- Industry registry (manual §3): associations, security companies, in-house units, training units,
-- guards with their employments, good deeds, and the change log that feeds background screening.
-- Every supervised record keeps the org that supervises it (org_id, org_path) for the data scope.

CREATE TABLE associations (
  id {{ID}},
  name TEXT NOT NULL,
  president_name TEXT NOT NULL,
  president_id_no TEXT NOT NULL,
  founded_on TEXT,
  phone TEXT,
  address TEXT,
  region_code TEXT NOT NULL,
  member_count BIGINT,
  remark TEXT,
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  org_path TEXT {{PATH}} NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  created_by BIGINT
);
CREATE UNIQUE INDEX associations_name ON associations(name);
CREATE INDEX associations_org_path ON associations(org_path, id);

CREATE TABLE companies (
  id {{ID}},
  name TEXT NOT NULL,
  credit_code TEXT NOT NULL,
  reg_address TEXT NOT NULL,
  region_code TEXT NOT NULL,
  biz_address TEXT,
  reg_capital BIGINT,
  founded_on TEXT,
  service_scope TEXT,
  licence_no TEXT,
  contact_name TEXT,
  contact_phone TEXT,
  lng DOUBLE PRECISION,
  lat DOUBLE PRECISION,
  legal_name TEXT NOT NULL,
  legal_id_no TEXT NOT NULL,
  legal_mobile TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'active',
  deregistered_on TEXT,
  deregister_reason TEXT,
  initialized INTEGER NOT NULL DEFAULT 0,
  initialized_at BIGINT,
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  org_path TEXT {{PATH}} NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  created_by BIGINT
);
CREATE UNIQUE INDEX companies_credit_code ON companies(credit_code);
CREATE INDEX companies_org_path ON companies(org_path, id);
CREATE INDEX companies_name ON companies(name);
CREATE INDEX companies_region ON companies(region_code, status);

CREATE TABLE inhouse_units (
  id {{ID}},
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  region_code TEXT NOT NULL,
  address TEXT,
  phone TEXT,
  legal_name TEXT NOT NULL,
  legal_id_no TEXT NOT NULL,
  legal_mobile TEXT NOT NULL,
  dept_name TEXT,
  dept_head TEXT,
  dept_head_mobile TEXT,
  guard_count BIGINT,
  principal_name TEXT,
  principal_id_no TEXT,
  principal_mobile TEXT,
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  org_path TEXT {{PATH}} NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  created_by BIGINT
);
CREATE UNIQUE INDEX inhouse_units_code ON inhouse_units(code);
CREATE INDEX inhouse_units_org_path ON inhouse_units(org_path, id);

CREATE TABLE training_units (
  id {{ID}},
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  cross_region TEXT,
  reg_address TEXT,
  leader_mobile TEXT,
  principal_id_no TEXT,
  principal_name TEXT,
  principal_mobile TEXT,
  reg_capital BIGINT,
  licence_no TEXT,
  issuer_code TEXT,
  issuer_name TEXT,
  issued_on TEXT,
  revoked_by TEXT,
  revoked_on TEXT,
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  org_path TEXT {{PATH}} NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  created_by BIGINT
);
CREATE UNIQUE INDEX training_units_code ON training_units(code);
CREATE INDEX training_units_org_path ON training_units(org_path, id);

-- A guard is a person (unique by ID number); employments record who employed them when. The
-- current employer and its supervising org are copied onto the guard row so that the list at
-- province scale is one indexed table. org_l1…org_l5 hold the ancestor org id at each tree level:
-- a subtree scope becomes an equality on one column (STACK-NOTES.md, measured).
CREATE TABLE guards (
  id {{ID}},
  id_no TEXT NOT NULL,
  name TEXT {{PATH}} NOT NULL,
  gender TEXT NOT NULL,
  birth_date TEXT NOT NULL,
  ethnicity TEXT,
  education TEXT,
  household_address TEXT,
  current_address TEXT,
  mobile TEXT NOT NULL,
  photo_file_id TEXT,
  certificate_no TEXT,
  certificate_date TEXT,
  real_name_verified INTEGER NOT NULL DEFAULT 0,
  app_initialized INTEGER NOT NULL DEFAULT 0,
  employer_kind TEXT NOT NULL,
  employer_id BIGINT NOT NULL,
  employer_name TEXT NOT NULL,
  employed INTEGER NOT NULL DEFAULT 1,
  hired_on TEXT,
  left_on TEXT,
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  org_path TEXT {{PATH}} NOT NULL,
  org_l1 BIGINT,
  org_l2 BIGINT,
  org_l3 BIGINT,
  org_l4 BIGINT,
  org_l5 BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  created_by BIGINT
);
CREATE UNIQUE INDEX guards_id_no ON guards(id_no);
CREATE INDEX guards_name ON guards(name);
CREATE INDEX guards_mobile ON guards(mobile);
CREATE INDEX guards_employer ON guards(employer_kind, employer_id, employed);
CREATE INDEX guards_org_path ON guards(org_path, created_at);
CREATE INDEX guards_l1 ON guards(org_l1, created_at);
CREATE INDEX guards_l2 ON guards(org_l2, created_at);
CREATE INDEX guards_l3 ON guards(org_l3, created_at);
CREATE INDEX guards_l4 ON guards(org_l4, created_at);
CREATE INDEX guards_l5 ON guards(org_l5, created_at);
CREATE INDEX guards_created ON guards(created_at);

CREATE TABLE employments (
  id {{ID}},
  guard_id BIGINT NOT NULL REFERENCES guards(id),
  employer_kind TEXT NOT NULL,
  employer_id BIGINT NOT NULL,
  employer_name TEXT NOT NULL,
  hired_on TEXT,
  left_on TEXT,
  created_at BIGINT NOT NULL
);
CREATE INDEX employments_guard ON employments(guard_id, id);

CREATE TABLE good_deeds (
  id {{ID}},
  guard_id BIGINT NOT NULL REFERENCES guards(id),
  company_id BIGINT NOT NULL REFERENCES companies(id),
  title TEXT NOT NULL,
  content TEXT NOT NULL,
  occurred_on TEXT NOT NULL,
  place TEXT,
  org_path TEXT {{PATH}} NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  created_by BIGINT
);
CREATE INDEX good_deeds_guard ON good_deeds(guard_id);
CREATE INDEX good_deeds_org_path ON good_deeds(org_path, created_at);

-- Every create or change of a guard, for the background screening of §9.3 to pick up.
CREATE TABLE guard_changes (
  id {{ID}},
  guard_id BIGINT NOT NULL REFERENCES guards(id),
  change TEXT NOT NULL,
  at BIGINT NOT NULL,
  by_user BIGINT,
  screened_at BIGINT
);
CREATE INDEX guard_changes_pending ON guard_changes(screened_at, id);

-- Company portal accounts are users of kind 'company' tied to their company.
ALTER TABLE users ADD COLUMN company_id BIGINT REFERENCES companies(id);
