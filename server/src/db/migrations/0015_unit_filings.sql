-- The registry side of the filings and licences of issue 12 (manual §5.2–§5.8): what the final 同意 of
-- each business type writes (modules/industry/unit_filings.h). Every record keeps the org that
-- supervises it (org_id, org_path) for the data scope, and the application that produced it.

-- 分公司备案: a branch under its parent company, supervised by the bureau of the branch's region.
-- One branch per company and name (a second filing of the same name updates it).
CREATE TABLE company_branches (
  id {{ID}},
  company_id BIGINT NOT NULL REFERENCES companies(id),
  name TEXT NOT NULL,
  address TEXT NOT NULL,
  region_code TEXT NOT NULL,
  head_name TEXT NOT NULL,
  head_id_no TEXT NOT NULL,
  head_mobile TEXT NOT NULL,
  service_scope TEXT NOT NULL,
  set_up_on TEXT NOT NULL,
  filed_on TEXT NOT NULL,
  application_id BIGINT,
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  org_path TEXT {{PATH}} NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  created_by BIGINT
);
CREATE UNIQUE INDEX company_branches_name ON company_branches(company_id, name);
CREATE INDEX company_branches_org_path ON company_branches(org_path, id);

-- 跨区域服务备案: seen by the company's supervising org (org_path) and by the bureau of the region
-- where the service is performed (service_org_path); a list in scope matches either.
CREATE TABLE cross_region_filings (
  id {{ID}},
  company_id BIGINT NOT NULL REFERENCES companies(id),
  licence_no TEXT NOT NULL,
  service_region_code TEXT NOT NULL,
  client_name TEXT NOT NULL,
  period_from TEXT NOT NULL,
  period_to TEXT NOT NULL,
  leader_name TEXT NOT NULL,
  leader_id_no TEXT NOT NULL,
  leader_mobile TEXT NOT NULL,
  filed_on TEXT NOT NULL,
  application_id BIGINT,
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  org_path TEXT {{PATH}} NOT NULL,
  service_org_id BIGINT NOT NULL REFERENCES orgs(id),
  service_org_path TEXT {{PATH}} NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  created_by BIGINT
);
CREATE INDEX cross_region_filings_company ON cross_region_filings(company_id, id);
CREATE INDEX cross_region_filings_org_path ON cross_region_filings(org_path, id);
CREATE INDEX cross_region_filings_service_org_path ON cross_region_filings(service_org_path, id);

-- The guards a cross-region filing sends (派出保安员).
CREATE TABLE cross_region_guards (
  filing_id BIGINT NOT NULL REFERENCES cross_region_filings(id),
  guard_id BIGINT NOT NULL REFERENCES guards(id),
  PRIMARY KEY (filing_id, guard_id)
);
CREATE INDEX cross_region_guards_guard ON cross_region_guards(guard_id);

-- 年度报告备案: one report per company and year (a second filing of the year replaces the first).
CREATE TABLE annual_reports (
  id {{ID}},
  company_id BIGINT NOT NULL REFERENCES companies(id),
  year INTEGER NOT NULL,
  operating_summary TEXT NOT NULL,
  guard_count BIGINT NOT NULL,
  certified_count BIGINT NOT NULL,
  training_summary TEXT NOT NULL,
  client_count BIGINT NOT NULL,
  violations TEXT NOT NULL,
  finance_summary TEXT NOT NULL,
  report_file_id TEXT,
  filed_on TEXT NOT NULL,
  application_id BIGINT,
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  org_path TEXT {{PATH}} NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  created_by BIGINT
);
CREATE UNIQUE INDEX annual_reports_company_year ON annual_reports(company_id, year);
CREATE INDEX annual_reports_year ON annual_reports(year, company_id);

-- The deadline of each year's reports, set by an administrator for the whole province.
CREATE TABLE annual_report_rounds (
  year INTEGER PRIMARY KEY,
  deadline TEXT NOT NULL,
  updated_at BIGINT NOT NULL,
  updated_by BIGINT
);

-- 自行招用保安员单位备案: the filing on the unit's record (filing_status 'filed' | 'revoked'; NULL for a
-- unit registered by the police without a filing).
ALTER TABLE inhouse_units ADD COLUMN unit_type TEXT;
ALTER TABLE inhouse_units ADD COLUMN filing_no TEXT;
ALTER TABLE inhouse_units ADD COLUMN filed_on TEXT;
ALTER TABLE inhouse_units ADD COLUMN filing_status TEXT;
ALTER TABLE inhouse_units ADD COLUMN revoked_on TEXT;
ALTER TABLE inhouse_units ADD COLUMN revoke_reason TEXT;
ALTER TABLE inhouse_units ADD COLUMN guards_disposition TEXT;
ALTER TABLE inhouse_units ADD COLUMN application_id BIGINT;
CREATE UNIQUE INDEX inhouse_units_filing_no ON inhouse_units(filing_no) WHERE filing_no IS NOT NULL;

-- A training unit licensed through the portal: its region, legal representative (法定代表人) and the
-- application that produced its 保安培训许可证.
ALTER TABLE training_units ADD COLUMN region_code TEXT;
ALTER TABLE training_units ADD COLUMN legal_name TEXT;
ALTER TABLE training_units ADD COLUMN legal_id_no TEXT;
ALTER TABLE training_units ADD COLUMN legal_mobile TEXT;
ALTER TABLE training_units ADD COLUMN application_id BIGINT;

-- Portal accounts of training units and in-house units (users.kind 'training_unit' | 'inhouse_unit')
-- act for their unit, as company accounts act for their company (users.company_id).
ALTER TABLE users ADD COLUMN unit_id BIGINT;
CREATE INDEX users_unit ON users(kind, unit_id);
