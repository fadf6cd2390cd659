-- 市民投诉建议 (manual §9.2): the handling record (处理记录) of a feedback as stored events, one row per
-- step, written in the transaction of the step (FeedbackStore::insert/assign/reply/close, the inspection
-- opened from a complaint) instead of being rebuilt from the feedback's current row (which lost every
-- 分派 but the last and named the current holder as the org that received it).
-- action: received (收到: org_id the receiving bureau) | assigned (分派: from_org_id → org_id) |
-- replied (回复: content the reply) | closed (办结) | inspection (已转检查: inspection_id, org_id the
-- inspection's org, content a summary written at the time). by_user/by_name: the officer (NULL/'' for the
-- citizen's submission and for steps whose officer is not known). No foreign key on inspection_id: a
-- deleted inspection stays a step of the complaint's history.
CREATE TABLE citizen_feedback_events (
  id {{ID}},
  feedback_id BIGINT NOT NULL REFERENCES citizen_feedback(id),
  action TEXT NOT NULL,
  org_id BIGINT REFERENCES orgs(id),
  from_org_id BIGINT REFERENCES orgs(id),
  inspection_id BIGINT,
  content TEXT,
  by_user BIGINT,
  by_name TEXT NOT NULL,
  at BIGINT NOT NULL
);
CREATE INDEX citizen_feedback_events_feedback ON citizen_feedback_events(feedback_id, at, id);

-- Backfill from what the rows still tell. 收到: at created_at, by the bureau of the region (the county's
-- 分局/县局, else the city's 市局, as FeedbackService::submit routes it) when that bureau holds the
-- feedback or is above its holder; else the holder (never re-assigned: it is the receiver).
INSERT INTO citizen_feedback_events (feedback_id, action, org_id, by_name, at)
SELECT f.id, 'received',
       CASE WHEN f.assigned_at IS NULL THEN f.org_id ELSE COALESCE(
         (SELECT o.id FROM orgs o WHERE o.region_code = f.region_code AND o.type IN ('district_bureau', 'county_bureau')
            AND f.org_path LIKE o.path || '%' ORDER BY o.id LIMIT 1),
         (SELECT o.id FROM orgs o WHERE o.region_code = substr(f.region_code, 1, 4) || '00' AND o.type = 'city_bureau'
            AND f.org_path LIKE o.path || '%' ORDER BY o.id LIMIT 1),
         f.org_id) END,
       '', f.created_at
FROM citizen_feedback f;
-- 分派: the last one only (the earlier ones were overwritten), from the receiver to the holder.
INSERT INTO citizen_feedback_events (feedback_id, action, org_id, from_org_id, by_name, at)
SELECT f.id, 'assigned', f.org_id, e.org_id, '', f.assigned_at
FROM citizen_feedback f JOIN citizen_feedback_events e ON e.feedback_id = f.id AND e.action = 'received'
WHERE f.assigned_at IS NOT NULL AND e.org_id <> f.org_id;
-- 已转检查: each inspection opened from a complaint, by its creator.
INSERT INTO citizen_feedback_events (feedback_id, action, org_id, inspection_id, content, by_user, by_name, at)
SELECT i.feedback_id, 'inspection', i.org_id, i.id, i.unit_name || '(' || i.inspected_on || ')', i.created_by,
       COALESCE((SELECT u.name FROM users u WHERE u.id = i.created_by), ''), i.created_at
FROM inspections i WHERE i.feedback_id IS NOT NULL;
-- 回复: the latest reply (an earlier one was replaced), by its officer.
INSERT INTO citizen_feedback_events (feedback_id, action, org_id, content, by_user, by_name, at)
SELECT f.id, 'replied', f.org_id, f.reply, f.replied_by, COALESCE((SELECT u.name FROM users u WHERE u.id = f.replied_by), ''),
       f.replied_at
FROM citizen_feedback f WHERE f.replied_at IS NOT NULL;
-- 办结.
INSERT INTO citizen_feedback_events (feedback_id, action, org_id, by_name, at)
SELECT f.id, 'closed', f.org_id, '', f.closed_at FROM citizen_feedback f WHERE f.closed_at IS NOT NULL;
