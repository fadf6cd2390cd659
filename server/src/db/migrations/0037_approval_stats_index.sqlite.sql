-- 审批时效分析 (§8.1, GET /stats/approvals) at province scale: the cases of the period and their clocked log
-- entries read from two covering indexes instead of the wide case rows (form, …) and the log rows.
-- applications_stats leads with the expression submitted_at + 0, which only the statistics' conditions
-- write (statistics_store.cpp): the §5 lists' conditions on submitted_at itself never match it.
-- application_log_clock is partial (working_days and step_index present), so only a query that states
-- both conditions, as the statistics' does, can use it. On bench/supervision.sh's data (50 000 cases, 3
-- years, province, in-process, a loaded machine): a median of 105–146 ms, against 170–282 ms before.
CREATE INDEX applications_stats ON applications((submitted_at + 0), region_code, status, business_type, submitted_at, decided_at,
  step_index, workflow_version_id, extension_days, pauses, org_path);
CREATE INDEX application_log_clock ON application_log(application_id, step_index, id, working_days, action)
  WHERE working_days IS NOT NULL AND step_index IS NOT NULL;
