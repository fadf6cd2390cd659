-- Service tasks published by companies (任务管理, manual §7.1/§7.4) and emergency tasks of the police
-- (紧急任务, §7.5, DOMAIN.md "Emergency tasks"), issue 14.
--
-- tasks: one service task of a company. Its status 未开始/进行中/已结束 is not stored: it follows from
-- start_at / end_at and the time of the question (modules/tasks/task_rules.h, one SQL expression for
-- the filter and the grouping); only 已取消 is stored (cancelled_at). region_code is the county of the
-- place, city_code / province_code its ancestors (the region filter and grouping are equalities).
-- Data scope: org_path is the path of the company's supervising org, region_org_path the path of the
-- police org of the task's region; an officer sees the task when either lies in their scope.
CREATE TABLE tasks (
  id {{ID}},
  company_id BIGINT NOT NULL REFERENCES companies(id),
  company_name TEXT NOT NULL,
  name TEXT NOT NULL,
  type TEXT NOT NULL,
  client TEXT NOT NULL,
  address TEXT NOT NULL,
  region_code TEXT NOT NULL,
  city_code TEXT NOT NULL,
  province_code TEXT NOT NULL,
  lng DOUBLE PRECISION NOT NULL,
  lat DOUBLE PRECISION NOT NULL,
  start_at BIGINT NOT NULL,
  end_at BIGINT NOT NULL,
  start_month TEXT NOT NULL,
  needed INTEGER NOT NULL,
  cancelled_at BIGINT,
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  org_path TEXT {{PATH}} NOT NULL,
  region_org_path TEXT {{PATH}} NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  created_by BIGINT
);
CREATE INDEX tasks_company ON tasks(company_id, start_at);
CREATE INDEX tasks_org_path ON tasks(org_path, start_at);
CREATE INDEX tasks_region_org_path ON tasks(region_org_path, start_at);
CREATE INDEX tasks_region ON tasks(region_code, start_at);
CREATE INDEX tasks_city ON tasks(city_code, start_at);
CREATE INDEX tasks_place ON tasks(lat, lng);
CREATE INDEX tasks_start ON tasks(start_at);

-- The guards a company sends on its task.
CREATE TABLE task_guards (
  task_id BIGINT NOT NULL REFERENCES tasks(id),
  guard_id BIGINT NOT NULL REFERENCES guards(id),
  PRIMARY KEY (task_id, guard_id)
);
CREATE INDEX task_guards_guard ON task_guards(guard_id, task_id);

-- 紧急任务 of a police org (org_path = the creating org: only its side ends it; region_org_path as for
-- tasks, so the bureau of the place sees it too). ended_at / summary once 结束.
CREATE TABLE emergency_tasks (
  id {{ID}},
  title TEXT NOT NULL,
  detail TEXT NOT NULL,
  address TEXT NOT NULL,
  region_code TEXT NOT NULL,
  lng DOUBLE PRECISION NOT NULL,
  lat DOUBLE PRECISION NOT NULL,
  start_at BIGINT NOT NULL,
  end_at BIGINT NOT NULL,
  needed INTEGER NOT NULL,
  radius_km DOUBLE PRECISION,
  ended_at BIGINT,
  ended_by_name TEXT,
  summary TEXT,
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  org_path TEXT {{PATH}} NOT NULL,
  region_org_path TEXT {{PATH}} NOT NULL,
  created_at BIGINT NOT NULL,
  created_by BIGINT,
  created_by_name TEXT NOT NULL
);
CREATE INDEX emergency_tasks_org_path ON emergency_tasks(org_path, created_at);
CREATE INDEX emergency_tasks_region_org_path ON emergency_tasks(region_org_path, created_at);

-- The companies asked, and their answer (accepted 1 / refused 0, NULL while unanswered).
CREATE TABLE emergency_companies (
  task_id BIGINT NOT NULL REFERENCES emergency_tasks(id),
  company_id BIGINT NOT NULL REFERENCES companies(id),
  company_name TEXT NOT NULL,
  notified_at BIGINT NOT NULL,
  accepted INTEGER,
  responded_at BIGINT,
  responded_by_name TEXT,
  PRIMARY KEY (task_id, company_id)
);
CREATE INDEX emergency_companies_company ON emergency_companies(company_id, task_id);

-- The guards a company sends (on accepting), with their check-in on site.
CREATE TABLE emergency_guards (
  task_id BIGINT NOT NULL REFERENCES emergency_tasks(id),
  guard_id BIGINT NOT NULL REFERENCES guards(id),
  company_id BIGINT NOT NULL REFERENCES companies(id),
  assigned_at BIGINT NOT NULL,
  checked_in_at BIGINT,
  check_lng DOUBLE PRECISION,
  check_lat DOUBLE PRECISION,
  distance_m BIGINT,
  PRIMARY KEY (task_id, guard_id)
);

-- Every check-in of a guard with coordinates and time: where the guard was last seen (the location
-- rule of modules/tasks/task_rules.h), served by the (lat, lng) index for radius queries.
CREATE TABLE guard_check_ins (
  id {{ID}},
  guard_id BIGINT NOT NULL REFERENCES guards(id),
  emergency_task_id BIGINT REFERENCES emergency_tasks(id),
  lng DOUBLE PRECISION NOT NULL,
  lat DOUBLE PRECISION NOT NULL,
  at BIGINT NOT NULL
);
CREATE INDEX guard_check_ins_guard ON guard_check_ins(guard_id, at);
CREATE INDEX guard_check_ins_place ON guard_check_ins(lat, lng);

-- The employer's place: radius queries prefilter companies by a lat/lng box.
CREATE INDEX companies_place ON companies(lat, lng);
