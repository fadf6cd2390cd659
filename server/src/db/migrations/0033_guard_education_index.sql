-- 文化程度 counted over the whole province (issue 14, GET /stats/guards?groupBy=education as the province
-- admin): nine conditions tested on each of the 360 000 entries of guards_stats took p50 76 / p99 107 ms
-- (target p99 ≤ 100). With the column's own index the counts are one GROUP BY walking it in order (no
-- sort): 40 → 13 ms of CPU in SQLite on bench/generate.sh's data. GuardStore::countGroups uses it only
-- when the whole table is counted; a scope or filter keeps the conditions over guards_stats.
CREATE INDEX guards_education ON guards(education);
