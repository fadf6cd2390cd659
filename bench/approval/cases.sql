-- The approval scenario of issue 11 (bench/approval.sh): :CASES cases of every business type in every
-- state, on top of the demo seed (its chains, orgs, officers and its granted applications' form).
-- Each case is an ordinary row of `applications`, routed the way the engine routes it: an open case
-- waits at a step of its type's chain in force, at the org standing at that step's level above its
-- region, for the step's post.
WITH RECURSIVE
  n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < :CASES),
  types(k, code) AS (VALUES (0, 'company_licence'), (1, 'training_licence'), (2, 'exam_registration'), (3, 'licence_change'),
                            (4, 'inhouse_filing'), (5, 'annual_report'), (6, 'branch_filing'), (7, 'cross_region_filing'),
                            (8, 'inhouse_revocation')),
  counties(k, code) AS (SELECT ROW_NUMBER() OVER (ORDER BY region_code) - 1, region_code FROM orgs
                        WHERE type IN ('district_bureau', 'county_bureau')),
  -- status by the case number: 1 draft, 1 submitted, 1 补正, 4 in review, 1 paused, 1 returned/refused, 1 granted
  cases AS (
    SELECT i, (SELECT code FROM types WHERE k = i % 9) AS type,
           (SELECT code FROM counties WHERE k = (i / 9) % (SELECT COUNT(*) FROM counties)) AS region,
           CASE (i / 7) % 10 WHEN 0 THEN 'draft' WHEN 1 THEN 'submitted' WHEN 2 THEN 'correction' WHEN 7 THEN 'paused'
                             WHEN 8 THEN (CASE WHEN i % 2 = 0 THEN 'returned' ELSE 'refused' END) WHEN 9 THEN 'granted'
                             ELSE 'in_review' END AS status
    FROM n),
  chains AS (SELECT c.*, w.id AS wid, w.steps, json_array_length(w.steps) AS len FROM cases c
             JOIN workflow_versions w ON w.business_type = c.type
             AND w.version = (SELECT MAX(version) FROM workflow_versions WHERE business_type = c.type)),
  placed AS (SELECT *, CASE WHEN status IN ('in_review', 'paused') THEN i % len WHEN status IN ('submitted', 'correction') THEN 0 END AS idx
             FROM chains)
INSERT INTO applications (case_no, business_type, workflow_version_id, status, applicant_user_id, applicant_name, applicant_code,
                          region_code, form, step_index, step_post, level_org_id, step_arrived_at, submitted_at, accepted_at,
                          decided_at, paused_at, pause_kind, org_path, created_at, updated_at)
SELECT CASE WHEN status = 'draft' THEN NULL ELSE 'BB2026' || printf('%08d', i) END, type, wid, status,
       (SELECT MIN(id) FROM users WHERE kind = 'applicant'), '咸阳压测' || i || '号保安服务有限公司', '91610400BENCH' || printf('%05d', i % 100000),
       region, (SELECT form FROM applications WHERE status = 'granted' ORDER BY id LIMIT 1),
       idx, CASE WHEN idx IS NOT NULL THEN json_extract(steps, '$[' || idx || '].post') END,
       CASE json_extract(steps, '$[' || idx || '].level')
         WHEN 'province' THEN (SELECT id FROM orgs WHERE type = 'province_dept' ORDER BY id LIMIT 1)
         WHEN 'city' THEN (SELECT id FROM orgs WHERE type = 'city_bureau' ORDER BY id LIMIT 1)
         WHEN 'county' THEN (SELECT id FROM orgs WHERE region_code = region AND type IN ('district_bureau', 'county_bureau'))
         WHEN 'station' THEN (SELECT o.id FROM orgs o JOIN orgs b ON o.path LIKE b.path || '%' WHERE b.region_code = region
                              AND b.type IN ('district_bureau', 'county_bureau') AND o.type = 'police_station' ORDER BY o.id LIMIT 1)
       END,
       CASE WHEN idx IS NOT NULL THEN :NOW - (i % 30) * 86400000 - (i % 24) * 3600000 END,
       CASE WHEN status <> 'draft' THEN :NOW - (i % 60) * 86400000 END,
       CASE WHEN status IN ('in_review', 'paused', 'granted') THEN :NOW - (i % 60) * 86400000 END,
       CASE WHEN status IN ('granted', 'refused') THEN :NOW - (i % 10) * 86400000 END,
       CASE WHEN status = 'paused' THEN :NOW - (i % 5) * 86400000 END,
       CASE WHEN status = 'paused' THEN 'expert_review' END,
       (SELECT path FROM orgs WHERE region_code = region AND type IN ('district_bureau', 'county_bureau')),
       :NOW - (i % 60) * 86400000, :NOW
FROM placed;
