-- 监督检查情况管理 (manual §9.1, issue 15): the records of officers' inspections of units, the
-- checklist template they fill in, and the rectification round of a 责令整改 (the unit's 整改报告 on its
-- portal, the officer's 复查).
--
-- inspection_items: the checklist an administrator keeps (GET/PUT /inspection-items). An item no longer
-- wanted is disabled, not deleted: old records keep showing its name.
CREATE TABLE inspection_items (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  sort_order INTEGER NOT NULL,
  enabled INTEGER NOT NULL DEFAULT 1
);
INSERT INTO inspection_items (code, name, sort_order, enabled) VALUES ('licensed_rate', '持证上岗率', 1, 1);
INSERT INTO inspection_items (code, name, sort_order, enabled) VALUES ('rules_ledger', '制度台账', 2, 1);
INSERT INTO inspection_items (code, name, sort_order, enabled) VALUES ('equipment', '装备', 3, 1);
INSERT INTO inspection_items (code, name, sort_order, enabled) VALUES ('training_records', '培训记录', 4, 1);
INSERT INTO inspection_items (code, name, sort_order, enabled) VALUES ('guard_files', '保安员档案', 5, 1);

-- inspections: one inspection of one unit. unit_kind company | branch | inhouse_unit | training_unit
-- (unit_id: the registry record) or other (a unit outside the registry: unit_name typed). The record is
-- supervised (org_id, org_path) by the unit's supervising org, or the inspecting officer's org for
-- 'other'. portal_kind / portal_unit_id: the portal account that answers a 责令整改 (a branch's company).
-- inspector_ids, items, file_ids: JSON arrays. content_text: findings, requirement and item remarks,
-- for the search by 检查内容. rect_state: NULL (no rectification) | pending | reported | accepted | returned.
CREATE TABLE inspections (
  id {{ID}},
  unit_kind TEXT NOT NULL,
  unit_id BIGINT,
  unit_name TEXT NOT NULL,
  portal_kind TEXT,
  portal_unit_id BIGINT,
  inspected_on TEXT NOT NULL,
  kind TEXT NOT NULL,
  inspector_ids TEXT NOT NULL,
  inspector_names TEXT NOT NULL,
  items TEXT NOT NULL,
  findings TEXT NOT NULL,
  requirement TEXT NOT NULL,
  deadline TEXT,
  conclusion TEXT NOT NULL,
  file_ids TEXT NOT NULL,
  content_text TEXT NOT NULL,
  rect_state TEXT,
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  org_path TEXT {{PATH}} NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  created_by BIGINT NOT NULL
);
CREATE INDEX inspections_org_path ON inspections(org_path, inspected_on);
CREATE INDEX inspections_portal ON inspections(portal_kind, portal_unit_id);
CREATE INDEX inspections_unit ON inspections(unit_kind, unit_id);

-- The rectification's history, each event written once: ordered (责令整改, with the deadline), reported
-- (the unit's 整改报告 and files), accepted / returned (the officer's 复查 and opinion).
CREATE TABLE inspection_events (
  id {{ID}},
  inspection_id BIGINT NOT NULL REFERENCES inspections(id),
  kind TEXT NOT NULL,
  content TEXT,
  file_ids TEXT NOT NULL,
  by_user_id BIGINT NOT NULL,
  by_name TEXT NOT NULL,
  at BIGINT NOT NULL
);
CREATE INDEX inspection_events_inspection ON inspection_events(inspection_id, id);
