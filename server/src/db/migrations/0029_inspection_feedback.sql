-- 转检查 (manual §9.2 → §9.1, issue 15): the complaint an inspection (类型 投诉核查) was opened from, so
-- that the complaint's details list the inspections it led to and the inspection links back to it.
ALTER TABLE inspections ADD COLUMN feedback_id BIGINT REFERENCES citizen_feedback(id);
CREATE INDEX inspections_feedback ON inspections(feedback_id);
