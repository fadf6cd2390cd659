-- 保安员资格证考试报名 and 保安员证 (manual §6, DOMAIN.md "Exam registration pipeline", issue 13).
--
-- exam_registrations: one registration of one person, beside its engine case (applications row of
-- business type exam_registration: the 户籍地派出所 checks and the county's 背景审查 run on the approval
-- engine; its final 同意 moves the registration on). The person's facts are kept here as the
-- registration took them (ID-derived gender and birth date, never typed) so that the exam, payment and
-- certificate steps read one row. status is the pipeline of DOMAIN.md:
--   background_check → pending_payment → pending_exam → scheduled → passed | failed
--   passed → pending_certificate → certifying → certified
--   rejected (审查不通过: the engine case ended without 同意), cancelled (withdrawn by the applicant or
--   cancelled by an officer; a paid one is refunded).
-- A person has at most one open registration (the partial unique index makes two racing submits safe);
-- failed, certified, rejected and cancelled are closed, and a failed person registers again (attempt+1).
-- org_path is the path of the 派出所 the case was routed to, so the station, its county, its city and the
-- province see the registration (db::inScope); city_code is the exam city (the 户籍地's city).
CREATE TABLE exam_registrations (
  id {{ID}},
  application_id BIGINT NOT NULL REFERENCES applications(id),
  status TEXT NOT NULL,
  attempt INTEGER NOT NULL DEFAULT 1,
  id_no TEXT NOT NULL,
  name TEXT {{PATH}} NOT NULL,
  gender TEXT NOT NULL,
  birth_date TEXT NOT NULL,
  ethnicity TEXT NOT NULL,
  education TEXT NOT NULL,
  household_region TEXT NOT NULL,
  household_address TEXT NOT NULL,
  current_address TEXT NOT NULL,
  mobile TEXT NOT NULL,
  photo_file_id TEXT NOT NULL,
  armed_escort INTEGER NOT NULL DEFAULT 0,
  city_code TEXT NOT NULL,
  registered_by_user_id BIGINT NOT NULL REFERENCES users(id),
  registered_by_kind TEXT NOT NULL,
  person_user_id BIGINT REFERENCES users(id),
  exam_id BIGINT,
  certificate_id BIGINT,
  org_path TEXT {{PATH}} NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX exam_registrations_open ON exam_registrations(id_no)
  WHERE status NOT IN ('failed', 'certified', 'rejected', 'cancelled');
CREATE UNIQUE INDEX exam_registrations_application ON exam_registrations(application_id);
CREATE INDEX exam_registrations_person ON exam_registrations(id_no, id);
CREATE INDEX exam_registrations_scope ON exam_registrations(org_path, id);
CREATE INDEX exam_registrations_city ON exam_registrations(city_code, status, id);
CREATE INDEX exam_registrations_name ON exam_registrations(name);

-- 保安员证: issued to a registration that passed and was approved for certification. number: 14
-- characters starting with the province code (61 …), unique, never reused. status valid | revoked;
-- a revocation (吊销, 条例 art. 17 feeds the registration rule: revoked less than 3 years ago, or twice)
-- carries the decision number, the reason and the date. verify_token: the QR code's public page.
CREATE TABLE certificates (
  id {{ID}},
  number TEXT NOT NULL,
  registration_id BIGINT REFERENCES exam_registrations(id),
  id_no TEXT NOT NULL,
  name TEXT {{PATH}} NOT NULL,
  gender TEXT NOT NULL,
  photo_file_id TEXT,
  issuing_org_id BIGINT NOT NULL REFERENCES orgs(id),
  issuing_org_name TEXT NOT NULL,
  issued_on TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'valid',
  verify_token TEXT NOT NULL,
  printed_at BIGINT,
  print_count INTEGER NOT NULL DEFAULT 0,
  handed_over_at TEXT,
  receiver_name TEXT,
  handed_over_by BIGINT,
  revoked_on TEXT,
  revoke_decision_no TEXT,
  revoke_reason TEXT,
  revoked_by BIGINT,
  org_path TEXT {{PATH}} NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX certificates_number ON certificates(number);
CREATE UNIQUE INDEX certificates_token ON certificates(verify_token);
CREATE INDEX certificates_person ON certificates(id_no, status);
CREATE INDEX certificates_scope ON certificates(org_path, id);

-- Where no 派出所 has the 户籍地's town as its region, the registration goes to the station an
-- administrator names for the county (issue 13).
CREATE TABLE station_routes (
  county_code TEXT PRIMARY KEY,
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  updated_by BIGINT,
  updated_at BIGINT NOT NULL
);
