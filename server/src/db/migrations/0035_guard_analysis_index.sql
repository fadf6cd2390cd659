-- 保安员分析 (§8.5, GET /stats/guards/analysis) at province scale: the database counts each supervising
-- org's guards (在职, 持证, 实名认证, app 初始化, hired / left in the period) by GROUP BY org_id over
-- guards_analysis alone, instead of every guard row in scope being read into the server, and the hires
-- of the period per month by a range (org_id, hired_on) of the same index; guards_analysis_left gives
-- the leavers' range (org_id, left_on). On bench/supervision.sh's data (360 000 guards), in the sqlite3
-- shell: the per-org counts ~45 ms for the province, the months 3–7 ms for 12 months (30 ms for 5 years;
-- as one GROUP BY of the CASE month expressions they took 45–100 ms). org_l2 … org_l4 are there so that
-- a city's, a 分局's or a 派出所's scope is tested in the index.
CREATE INDEX guards_analysis ON guards(org_id, hired_on, left_on, employed, certificate_no, real_name_verified, app_initialized, org_l2, org_l3, org_l4);
CREATE INDEX guards_analysis_left ON guards(org_id, left_on, org_l2, org_l3, org_l4);
