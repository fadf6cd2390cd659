-- The §5 case lists (issue 12 benchmark, bench/approval.sh): GET /applications?businessType=…
-- shows a type's cases in the caller's scope, latest first, with the total. applications_scope
-- (business_type, org_path, id) found them by scope but then read every one's table row — past its
-- form — to sort by updated_at and to test status: 14 000 annual reports in one city took ~0.2 s a
-- page. Walking one type's cases in list order with the scope, status and key field in the index
-- makes a page stop after its rows and the total (and a key= search) index-only: the first page
-- 0.3 s → 8 ms, the count 60 ms → 2 ms (50 000 cases, SQLite). It replaces applications_scope:
-- with both, SQLite picks the scope range and sorts.
DROP INDEX applications_scope;
CREATE INDEX applications_list ON applications(business_type, updated_at, id, org_path, status, key_value);
