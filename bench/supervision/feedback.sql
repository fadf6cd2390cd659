-- :FEEDBACK citizen complaints, suggestions and inquiries across the province (issue 15, §9.2), as
-- FeedbackStore::insert / assign / reply / close leave them (bench/supervision.sh):
--   type     of 10: 5 投诉 (about a company drawn from the active ones, its county the place; one in three
--            names a guard), 3 建议, 2 咨询 (a county drawn from the companies' counties);
--   org      the county's 分局/县局 (FeedbackStore::orgOfRegion), else the city's 市局; an assigned one moved
--            to the first 派出所 under it (org_path follows);
--   state    received within the last 20 days; older ones of 10: 1 received (late), 1 assigned, 3 replied,
--            5 closed; received over the past year;
--   code     the 12-digit 查询码 ('62' and the number), the mobile 139 and eight digits.
CREATE TEMP TABLE bf_companies AS
  SELECT ROW_NUMBER() OVER (ORDER BY id) - 1 AS k, id, substr(region_code, 1, 6) AS county FROM companies WHERE status = 'active';
CREATE TEMP TABLE bf_counties AS
  SELECT ROW_NUMBER() OVER (ORDER BY county) - 1 AS k, county FROM (SELECT DISTINCT county FROM bf_companies);
CREATE TEMP TABLE bf_bureau AS
  SELECT county,
         COALESCE((SELECT id FROM orgs WHERE region_code = county AND type IN ('district_bureau', 'county_bureau') ORDER BY id LIMIT 1),
                  (SELECT id FROM orgs WHERE region_code = substr(county, 1, 4) || '00' AND type = 'city_bureau' ORDER BY id LIMIT 1)) AS org_id
  FROM bf_counties;
CREATE TEMP TABLE bf_station AS
  SELECT b.org_id, (SELECT s.id FROM orgs s WHERE s.parent_id = b.org_id AND s.type = 'police_station' ORDER BY s.id LIMIT 1) AS station_id
  FROM (SELECT DISTINCT org_id FROM bf_bureau) b;

WITH RECURSIVE
  n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < :FEEDBACK),
  h(i, ha, hb, hc) AS (SELECT i, (i * 2654435761) % 4294967296, ((i + 7) * 2246822519) % 4294967296,
                              ((i + 13) * 3266489917) % 4294967296 FROM n),
  texts(type, k, content, reply) AS (VALUES
    ('complaint', 0, '门岗保安员值勤时态度粗暴,推搡前来办事的群众。', '经核查,已责令该公司对涉事保安员进行教育培训。'),
    ('complaint', 1, '公司拖欠保安员工资两个月未发放。', '已约谈该公司负责人,工资已补发。'),
    ('complaint', 2, '小区保安员夜间值班时睡觉,未按规定巡逻。', '已责令该公司整改,加强夜间巡查。'),
    ('complaint', 3, '保安员未佩戴保安员证上岗。', '经核查,该公司已补办上岗证件,我局将加强日常检查。'),
    ('suggestion', 0, '建议在大型活动安保中增加女性保安员配置。', '感谢您的建议,已转有关部门研究。'),
    ('suggestion', 1, '建议公布保安服务公司的投诉电话和处理结果。', '感谢您的建议,我局将在门户网站公开投诉受理渠道。'),
    ('suggestion', 2, '建议加强对小区保安员的消防技能培训。', '已纳入年度保安员培训计划。'),
    ('suggestion', 3, '建议保安员统一着装并佩戴工号。', '感谢您的建议。'),
    ('inquiry', 0, '请问报考保安员资格证需要准备哪些材料?', '请携带身份证、近期证件照片和学历证明到户籍地派出所报名,也可在网上报名。'),
    ('inquiry', 1, '如何查询某家保安公司是否有合法资质?', '可在本系统公开查询页面按公司名称查询。'),
    ('inquiry', 2, '个人可以开办保安培训学校吗?需要什么条件?', '请参照《保安服务管理条例》第三十三条办理。'),
    ('inquiry', 3, '保安员证丢失后如何补办?', '请到发证机关申请补发。')),
  shaped AS (
    SELECT h.*,
           CASE WHEN (ha >> 7) % 10 < 5 THEN 'complaint' WHEN (ha >> 7) % 10 < 8 THEN 'suggestion' ELSE 'inquiry' END AS type,
           c.id AS company_id, c.county AS company_county,
           (SELECT county FROM bf_counties WHERE k = (h.hc >> 5) % (SELECT COUNT(*) FROM bf_counties)) AS any_county,
           (hb >> 9) % 365 AS days_ago, (hc >> 11) % 10 AS fate
    FROM h JOIN bf_companies c ON c.k = (h.hb >> 3) % (SELECT COUNT(*) FROM bf_companies)),
  placed AS (
    SELECT s.*, CASE WHEN type = 'complaint' THEN company_county ELSE any_county END AS county,
           :NOW - days_ago * 86400000 - ((ha >> 19) % 36000) * 1000 AS at,
           CASE WHEN days_ago < 20 THEN CASE WHEN fate < 5 THEN 'received' WHEN fate < 7 THEN 'assigned' ELSE 'replied' END
                ELSE CASE WHEN fate < 1 THEN 'received' WHEN fate < 2 THEN 'assigned' WHEN fate < 5 THEN 'replied' ELSE 'closed' END END AS state
    FROM shaped s),
  routed AS (
    SELECT p.*, b.org_id AS bureau_id, st.station_id FROM placed p JOIN bf_bureau b ON b.county = p.county
    LEFT JOIN bf_station st ON st.org_id = b.org_id)
INSERT INTO citizen_feedback (code, type, company_id, guard_name, content, region_code, name, mobile, state, org_id, org_path, reply,
                              replied_at, replied_by, assigned_at, closed_at, created_at, updated_at)
SELECT '62' || printf('%010d', r.i), r.type, CASE WHEN r.type = 'complaint' THEN r.company_id END,
       CASE WHEN r.type = 'complaint' AND r.i % 3 = 0 THEN substr('张王李赵刘陈杨黄', 1 + r.i % 8, 1) || '某' END,
       t.content, r.county, CASE WHEN r.i % 4 = 0 THEN NULL ELSE substr('张王李赵刘陈杨黄周吴', 1 + r.i % 10, 1) || CASE WHEN r.i % 2 = 0 THEN '先生' ELSE '女士' END END,
       '139' || printf('%08d', r.i), r.state,
       CASE WHEN r.state = 'assigned' AND r.station_id IS NOT NULL THEN r.station_id ELSE r.bureau_id END,
       (SELECT path FROM orgs WHERE id = CASE WHEN r.state = 'assigned' AND r.station_id IS NOT NULL THEN r.station_id ELSE r.bureau_id END),
       CASE WHEN r.state IN ('replied', 'closed') THEN t.reply END,
       CASE WHEN r.state IN ('replied', 'closed') THEN r.at + 2 * 86400000 END,
       NULL,
       CASE WHEN r.state = 'assigned' THEN r.at + 86400000 END,
       CASE WHEN r.state = 'closed' THEN r.at + 3 * 86400000 END,
       r.at,
       r.at + CASE r.state WHEN 'assigned' THEN 1 WHEN 'replied' THEN 2 WHEN 'closed' THEN 3 ELSE 0 END * 86400000
FROM routed r JOIN texts t ON t.type = r.type AND t.k = (r.hc >> 17) % 4
ORDER BY r.i;

-- The handling record (citizen_feedback_events, migration 0036) of the rows above, as the stores write
-- it: 收到 by the bureau, 分派 from it to the station, 回复 and 办结.
INSERT INTO citizen_feedback_events (feedback_id, action, org_id, from_org_id, content, by_name, at)
SELECT f.id, 'received', CASE WHEN o.type = 'police_station' THEN o.parent_id ELSE o.id END, NULL, NULL, '', f.created_at
FROM citizen_feedback f JOIN orgs o ON o.id = f.org_id
WHERE NOT EXISTS (SELECT 1 FROM citizen_feedback_events e WHERE e.feedback_id = f.id)
UNION ALL
SELECT f.id, 'assigned', o.id, o.parent_id, NULL, '', f.assigned_at
FROM citizen_feedback f JOIN orgs o ON o.id = f.org_id
WHERE f.assigned_at IS NOT NULL AND o.type = 'police_station'
  AND NOT EXISTS (SELECT 1 FROM citizen_feedback_events e WHERE e.feedback_id = f.id)
UNION ALL
SELECT f.id, 'replied', f.org_id, NULL, f.reply, '', f.replied_at FROM citizen_feedback f
WHERE f.replied_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM citizen_feedback_events e WHERE e.feedback_id = f.id)
UNION ALL
SELECT f.id, 'closed', f.org_id, NULL, NULL, '', f.closed_at FROM citizen_feedback f
WHERE f.closed_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM citizen_feedback_events e WHERE e.feedback_id = f.id);

DROP TABLE bf_station;
DROP TABLE bf_bureau;
DROP TABLE bf_counties;
DROP TABLE bf_companies;
