-- The §9 lists in time order at province scope (issue 15): an officer whose scope is the whole province (or
-- none narrower) reads GET /inspections newest inspection first and GET /feedback newest first with no org_path
-- range to lead with, so the page sorted every record (20 000 inspections, 30 000 feedback on
-- bench/supervision.sh's data: p50 17 / 26 ms, `USE TEMP B-TREE FOR ORDER BY`). These indexes give the order:
-- the first page walks the newest entries and stops after its rows (a filter is tested on the way).
CREATE INDEX inspections_latest ON inspections(inspected_on, id);
CREATE INDEX citizen_feedback_latest ON citizen_feedback(created_at, id);
