-- The approval engine's log for the cases that have none (bench/approval/cases.sql's, run before this file), so
-- that §8.1.1 (GET /stats/approvals: handling time per step, on-time rate) reads a log at the scale of the
-- cases (bench/supervision.sh). As app/seed_history.cpp walks a case: 受理 (accept, step 0) when the case was
-- accepted, then 同意 (approve) for every step it has passed of the steps it runs (a step with onlyIf runs only
-- for a change of 法定代表人) — all of them when granted, those before its step when in review or paused —,
-- 退回 (send-back) at the first step when returned, 不予受理 (refuse, step 0) when refused, 撤回 (withdraw, no
-- step) when withdrawn. Working days per step: 1 to the step's promised limit, one in nine beyond it; natural
-- days one more per five working days. Times follow accepted_at, two days a step (the stats read the days).
CREATE TEMP TABLE bl_cases AS
  SELECT a.id, a.status, a.step_index, a.submitted_at, COALESCE(a.accepted_at, a.submitted_at + 86400000) AS accepted_at,
         a.business_type, w.steps,
         a.business_type = 'licence_change' AND json_extract(a.form, '$.changes[0].item') = 'legalName' AS legal_change,
         (a.id * 2654435761) % 4294967296 AS ha
  FROM applications a JOIN workflow_versions w ON w.id = a.workflow_version_id
  WHERE a.status NOT IN ('draft', 'submitted', 'correction')
    AND NOT EXISTS (SELECT 1 FROM application_log l WHERE l.application_id = a.id);
CREATE TEMP TABLE bl_steps AS
  SELECT c.id, c.status, c.step_index, c.accepted_at, c.ha, CAST(s.key AS INTEGER) AS idx,
         json_extract(s.value, '$.name') AS step_name, json_extract(s.value, '$.post') AS post,
         max(1, COALESCE(json_extract(s.value, '$.promisedDays'), 5)) AS promised,
         ROW_NUMBER() OVER (PARTITION BY c.id ORDER BY CAST(s.key AS INTEGER)) - 1 AS pos
  FROM bl_cases c, json_each(c.steps) s
  WHERE json_extract(s.value, '$.onlyIf') IS NULL OR c.legal_change;

INSERT INTO application_log (application_id, at, user_id, user_name, org_name, post, step_index, step_name, action, action_name, opinion,
                             working_days, natural_days)
SELECT application_id, at, NULL, '经办民警', '公安机关', post, step_index, step_name, action, action_name, opinion, working_days,
       CASE WHEN working_days IS NULL THEN NULL ELSE working_days + working_days / 5 * 2 END
FROM (
  -- 受理 at step 0 of every case accepted (in review, paused, granted, returned)
  SELECT c.id AS application_id, c.accepted_at AS at, s.post, s.idx AS step_index, s.step_name, 'accept' AS action, '受理' AS action_name,
         '材料齐全,予以受理。' AS opinion, 1 + c.ha % 2 AS working_days, 0 AS ord
  FROM bl_cases c JOIN bl_steps s ON s.id = c.id AND s.pos = 0
  WHERE c.status IN ('in_review', 'paused', 'granted', 'returned')
  UNION ALL
  -- 同意 for each step passed
  SELECT s.id, s.accepted_at + (s.pos + 1) * 2 * 86400000, s.post, s.idx, s.step_name, 'approve', '同意', '经审查,符合规定,同意。',
         CASE WHEN ((s.ha >> (s.pos + 3)) % 9) = 0 THEN s.promised + 1 + s.ha % 3 ELSE 1 + (s.ha >> (s.pos + 5)) % s.promised END, 1 + s.pos
  FROM bl_steps s
  WHERE s.status = 'granted' OR (s.status IN ('in_review', 'paused') AND s.idx < s.step_index)
  UNION ALL
  -- 退回 at the first step
  SELECT s.id, s.accepted_at + 2 * 86400000, s.post, s.idx, s.step_name, 'send-back', '退回', '申请材料与实际不符,退回申请人。',
         1 + (s.ha >> 5) % s.promised, 1
  FROM bl_steps s WHERE s.status = 'returned' AND s.pos = 0
  UNION ALL
  -- 不予受理
  SELECT s.id, s.accepted_at, s.post, s.idx, s.step_name, 'refuse', '不予受理', '申请材料不齐全且逾期未补正。', 2 + s.ha % 3, 0
  FROM bl_steps s WHERE s.status = 'refused' AND s.pos = 0
  UNION ALL
  -- 撤回 (no step)
  SELECT c.id, c.submitted_at + 26 * 3600000, NULL, NULL, NULL, 'withdraw', '撤回申请', NULL, NULL, 0
  FROM bl_cases c WHERE c.status = 'withdrawn')
ORDER BY application_id, ord;

DROP TABLE bl_steps;
DROP TABLE bl_cases;
