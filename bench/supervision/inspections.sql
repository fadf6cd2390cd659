-- :INSPECTIONS inspections across the province (issue 15, §9.1), as InspectionStore::insert + addEvent
-- leave them (bench/supervision.sh):
--   unit        of 10: 9 a registry company (unit_id, its name, portal_kind 'company', the record under the
--               company's supervising org), 1 a unit outside the registry (unit_kind 'other', typed name, under
--               the org of a company drawn for the place, as the officer's own org would be);
--   inspected   over the past two years (China date); kind 日常 5 / 专项 2 / 年度 2 / 投诉核查 1 of 10;
--   inspectors  two officers (ids and names joined by 、);
--   checklist   the five template items, one 不合格 with a remark when the conclusion is not 合格;
--   conclusion  of 20: 12 合格, 7 责令整改, 1 移交处罚; a 责令整改 has a deadline 10–30 days after the
--               inspection and a rectification: older than 60 days mostly accepted (复查通过), some returned
--               and reported; recent ones pending / reported / returned — pending ones past their deadline
--               are the overdue (red) ones;
--   events      ordered (with the deadline) + the unit's 整改报告 + the officer's 复查, as the state says.
CREATE TEMP TABLE bi_companies AS
  SELECT ROW_NUMBER() OVER (ORDER BY id) - 1 AS k, id, name, org_id, org_path FROM companies WHERE status = 'active';
CREATE TEMP TABLE bi_officers AS
  SELECT ROW_NUMBER() OVER (ORDER BY id) - 1 AS k, id, name FROM users WHERE kind = 'officer' AND enabled = 1;
CREATE TEMP TABLE bi_base AS
  SELECT MAX(COALESCE((SELECT MAX(id) FROM inspections), 0), COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'inspections'), 0)) AS id;

CREATE TEMP TABLE bi_rows AS
WITH RECURSIVE
  n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < :INSPECTIONS),
  h(i, ha, hb, hc) AS (SELECT i, (i * 2654435761) % 4294967296, ((i + 7) * 2246822519) % 4294967296,
                              ((i + 13) * 3266489917) % 4294967296 FROM n),
  problems(k, item, finding, requirement) AS (VALUES
    (0, 'licensed_rate', '3名保安员未携带保安员证上岗', '组织全员持证上岗'),
    (1, 'rules_ledger', '值班登记台账记录不连续', '规范值班登记,补记缺失记录'),
    (2, 'equipment', '防暴装备(防刺服、橡胶棍)配备不足', '按岗位配齐防暴装备并报送采购及发放记录'),
    (3, 'training_records', '培训记录缺少本年度第三季度内容', '补齐培训记录并报送'),
    (4, 'guard_files', '保安员档案缺少身份证复印件及体检证明', '补齐保安员档案材料并报送复印件')),
  shaped AS (
    SELECT h.*, c.id AS company_id, c.name AS company_name, c.org_id, c.org_path,
           (ha >> 7) % 10 = 9 AS other,
           CASE (hb >> 7) % 10 WHEN 0 THEN 'special' WHEN 1 THEN 'special' WHEN 2 THEN 'annual' WHEN 3 THEN 'annual'
                WHEN 4 THEN 'complaint_check' ELSE 'daily' END AS kind,
           CASE WHEN (hc >> 9) % 20 < 12 THEN 'pass' WHEN (hc >> 9) % 20 < 19 THEN 'rectify' ELSE 'refer' END AS conclusion,
           (hb >> 13) % 730 AS days_ago,
           (ha >> 17) % 5 AS problem,
           (hc >> 15) % 10 AS fate,
           o1.id AS i1, o1.name AS n1, o2.id AS i2, o2.name AS n2
    FROM h JOIN bi_companies c ON c.k = (h.ha >> 3) % (SELECT COUNT(*) FROM bi_companies)
    JOIN bi_officers o1 ON o1.k = (h.hb >> 3) % (SELECT COUNT(*) FROM bi_officers)
    JOIN bi_officers o2 ON o2.k = ((h.hb >> 3) + 1) % (SELECT COUNT(*) FROM bi_officers)),
  dated AS (
    SELECT s.*, :NOW - days_ago * 86400000 - ((hc >> 20) % 28800) * 1000 AS at,
           CASE WHEN conclusion = 'rectify' THEN
             CASE WHEN days_ago >= 60 THEN CASE WHEN fate < 8 THEN 'accepted' WHEN fate < 9 THEN 'returned' ELSE 'reported' END
                  ELSE CASE WHEN fate < 4 THEN 'pending' WHEN fate < 7 THEN 'reported' WHEN fate < 8 THEN 'returned' ELSE 'accepted' END END
           END AS rect_state,
           10 + (ha >> 21) % 21 AS deadline_days
    FROM shaped s)
SELECT d.i, (SELECT id FROM bi_base) + d.i AS id,
       CASE WHEN other THEN 'other' ELSE 'company' END AS unit_kind,
       CASE WHEN other THEN NULL ELSE company_id END AS unit_id,
       CASE WHEN other THEN '压测' || i || '号商场' ELSE company_name END AS unit_name,
       CASE WHEN other THEN NULL ELSE 'company' END AS portal_kind,
       CASE WHEN other THEN NULL ELSE company_id END AS portal_unit_id,
       date(at / 1000 + 8 * 3600, 'unixepoch') AS inspected_on, kind,
       json_array(i1, i2) AS inspector_ids, n1 || '、' || n2 AS inspector_names,
       (SELECT json_group_array(json_object('code', code, 'result',
                 CASE WHEN conclusion <> 'pass' AND code = p.item THEN 'fail' WHEN code = 'guard_files' AND i % 3 = 0 THEN 'na' ELSE 'pass' END,
                 'remark', CASE WHEN conclusion <> 'pass' AND code = p.item THEN p.finding ELSE '' END))
        FROM (SELECT code FROM inspection_items ORDER BY sort_order)) AS items,
       CASE WHEN conclusion = 'pass' THEN CASE WHEN i % 2 = 0 THEN '各项制度健全,台账完整' ELSE '' END
            WHEN conclusion = 'refer' THEN '招用未取得保安员证人员从事保安服务' ELSE p.finding END AS findings,
       CASE WHEN conclusion = 'rectify' THEN p.requirement ELSE '' END AS requirement,
       CASE WHEN conclusion = 'rectify' THEN date(at / 1000 + 8 * 3600 + deadline_days * 86400, 'unixepoch') END AS deadline,
       conclusion, rect_state, org_id, org_path, at, i1 AS created_by, p.requirement AS req,
       CASE WHEN conclusion <> 'pass' THEN p.finding ELSE '' END AS remark
FROM dated d JOIN problems p ON p.k = d.problem;

INSERT INTO inspections (id, unit_kind, unit_id, unit_name, portal_kind, portal_unit_id, inspected_on, kind, inspector_ids,
                         inspector_names, items, findings, requirement, deadline, conclusion, file_ids, content_text, rect_state,
                         org_id, org_path, created_at, updated_at, created_by, feedback_id)
SELECT id, unit_kind, unit_id, unit_name, portal_kind, portal_unit_id, inspected_on, kind, inspector_ids, inspector_names, items,
       findings, requirement, deadline, conclusion, '[]',
       -- InspectionService: findings, requirement and the items' remarks, joined by a line break (empty parts left out).
       trim(findings || CASE WHEN requirement <> '' THEN char(10) || requirement ELSE '' END
            || CASE WHEN remark <> '' THEN char(10) || remark ELSE '' END, char(10)),
       rect_state, org_id, org_path, at,
       at + CASE rect_state WHEN 'reported' THEN 3 WHEN 'returned' THEN 5 WHEN 'accepted' THEN 6 ELSE 0 END * 86400000,
       created_by, NULL
FROM bi_rows ORDER BY id;

-- The rectification's history: 责令整改, then the unit's report (reported / returned / accepted), the officer's
-- return (returned) and acceptance (accepted); a returned one was reported once and sent back.
INSERT INTO inspection_events (inspection_id, kind, content, file_ids, by_user_id, by_name, at)
SELECT id, 'ordered', req || '(整改期限 ' || deadline || ')', '[]', created_by, substr(inspector_names, 1, instr(inspector_names, '、') - 1), at
FROM bi_rows WHERE rect_state IS NOT NULL ORDER BY id;
INSERT INTO inspection_events (inspection_id, kind, content, file_ids, by_user_id, by_name, at)
SELECT r.id, 'reported', '已按整改要求完成整改:' || r.req || '。相关材料已整理归档。', '[]',
       COALESCE((SELECT MIN(u.id) FROM users u WHERE u.kind = 'company' AND u.company_id = r.unit_id), r.created_by), r.unit_name,
       r.at + 3 * 86400000
FROM bi_rows r WHERE r.rect_state IN ('reported', 'returned', 'accepted') ORDER BY r.id;
INSERT INTO inspection_events (inspection_id, kind, content, file_ids, by_user_id, by_name, at)
SELECT id, CASE rect_state WHEN 'returned' THEN 'returned' ELSE 'accepted' END,
       CASE rect_state WHEN 'returned' THEN '整改报告未附培训记录,请补充后重新提交' ELSE '经复查,整改到位' END, '[]',
       created_by, substr(inspector_names, 1, instr(inspector_names, '、') - 1), at + CASE rect_state WHEN 'returned' THEN 5 ELSE 6 END * 86400000
FROM bi_rows WHERE rect_state IN ('returned', 'accepted') ORDER BY id;

DROP TABLE bi_rows;
DROP TABLE bi_base;
DROP TABLE bi_officers;
DROP TABLE bi_companies;
