-- 审批时效分析 (§8.1, GET /stats/approvals): the same two indexes as the SQLite variant (see there). The
-- case index keeps the period's expression (submitted_at + 0, which only the statistics' conditions
-- write) with the short columns included; pauses and org_path stay in the table (a long pauses list
-- must never overflow an index entry).
CREATE INDEX applications_stats ON applications((submitted_at + 0))
  INCLUDE (region_code, status, business_type, submitted_at, decided_at, step_index, workflow_version_id, extension_days);
CREATE INDEX application_log_clock ON application_log(application_id, step_index, id, working_days, action)
  WHERE working_days IS NOT NULL AND step_index IS NOT NULL;
