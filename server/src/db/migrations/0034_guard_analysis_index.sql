-- 保安员分析 (§8.5, GET /stats/guards/analysis) at province scale: the database counts each supervising
-- org's guards (在职, 持证, 实名认证, app 初始化, hired / left in the period) by GROUP BY org_id over this
-- index alone, instead of every guard row in scope being read into the server (360 000 rows: 310 ms →
-- ~55 ms in the sqlite3 shell for the province, 15 ms for 咸阳, 1 ms for 渭城分局 on bench/supervision.sh's
-- data). org_l2 … org_l4 are there so that a city's, a 分局's or a 派出所's scope is tested in the index.
CREATE INDEX guards_analysis ON guards(org_id, employed, certificate_no, real_name_verified, app_initialized, hired_on, left_on, org_l2, org_l3, org_l4);
