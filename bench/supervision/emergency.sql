-- 紧急任务 at province scale (issue 14, §7.5; bench/supervision.sh): for each city bureau, one running emergency
-- task (started 3 hours ago, ending in 2 days) and one ended last month, placed 200 m from the city's company
-- nearest the city's average company position (where the guards are densest), in that company's county.
-- As TaskStore::insertEmergency / askCompany / respond / assignGuards / checkIn / endEmergency leave them:
-- asked: the city's companies within about 5 km (a ±0.045° box), at most 8 by id; of those the first 3
-- accepted, the next 2 refused, the rest unanswered; each accepting company sends its 4 newest employed
-- guards, 3 of whom checked in 100–400 m from the place (a guard_check_ins row each).
-- The officer who creates them: the demo's 咸阳 city handler (xy_jb), else the first officer.
CREATE TEMP TABLE be_officer AS
  SELECT id, name FROM users WHERE kind = 'officer' AND enabled = 1 ORDER BY account = 'xy_jb' DESC, id LIMIT 1;
CREATE TEMP TABLE be_base AS
  SELECT MAX(COALESCE((SELECT MAX(id) FROM emergency_tasks), 0),
             COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'emergency_tasks'), 0)) AS id;
CREATE TEMP TABLE be_cities AS
  SELECT ROW_NUMBER() OVER (ORDER BY o.region_code) AS k, o.id AS org_id, o.path AS org_path, o.region_code,
         (SELECT AVG(lng) FROM companies c WHERE c.region_code LIKE substr(o.region_code, 1, 4) || '%' AND c.lng IS NOT NULL) AS lng,
         (SELECT AVG(lat) FROM companies c WHERE c.region_code LIKE substr(o.region_code, 1, 4) || '%' AND c.lat IS NOT NULL) AS lat
  FROM orgs o WHERE o.type = 'city_bureau';
CREATE TEMP TABLE be_anchor AS
  SELECT x.*, d.company_id AS anchor_id FROM be_cities x JOIN (
    SELECT x2.k, c2.id AS company_id,
           ROW_NUMBER() OVER (PARTITION BY x2.k ORDER BY (c2.lng - x2.lng) * (c2.lng - x2.lng) + (c2.lat - x2.lat) * (c2.lat - x2.lat), c2.id) AS rn
    FROM be_cities x2 JOIN companies c2 ON c2.region_code LIKE substr(x2.region_code, 1, 4) || '%'
    WHERE c2.status = 'active' AND c2.lng IS NOT NULL) d ON d.k = x.k AND d.rn = 1
  WHERE x.lng IS NOT NULL;
CREATE TEMP TABLE be_tasks AS
  SELECT (SELECT id FROM be_base) + 2 * x.k - e.ended AS id, x.*, e.ended, substr(c.region_code, 1, 6) AS county,
         round(c.lng + 0.002, 6) AS plng, round(c.lat + 0.001, 6) AS plat
  FROM be_anchor x JOIN (SELECT 0 AS ended UNION ALL SELECT 1) e JOIN companies c ON c.id = x.anchor_id;

INSERT INTO emergency_tasks (id, title, detail, address, region_code, lng, lat, start_at, end_at, needed, radius_km, ended_at, ended_by_name,
                             summary, org_id, org_path, region_org_path, created_at, created_by, created_by_name)
SELECT t.id,
       CASE WHEN t.ended THEN '防汛抢险应急值守(压测' || t.k || ')' ELSE '大型群众性活动临时安保(压测' || t.k || ')' END,
       CASE WHEN t.ended THEN '连日强降雨,沿河需保安员协助巡查堤防、疏散群众。' ELSE '广场举办灯光节,预计客流 5 万人次,需增派保安员协助现场秩序维护和疏导。' END,
       '陕西省' || COALESCE((SELECT name FROM orgs WHERE region_code = t.county ORDER BY level, id LIMIT 1), '') || '中心广场',
       t.county, t.plng, t.plat,
       CASE WHEN t.ended THEN :NOW - 30 * 86400000 ELSE :NOW - 3 * 3600000 END,
       CASE WHEN t.ended THEN :NOW - 28 * 86400000 ELSE :NOW + 2 * 86400000 END,
       12, 5.0,
       CASE WHEN t.ended THEN :NOW - 28 * 86400000 END, CASE WHEN t.ended THEN (SELECT name FROM be_officer) END,
       CASE WHEN t.ended THEN '险情解除。共出动保安员 12 名,无人员伤亡。' END,
       t.org_id, t.org_path,
       COALESCE((SELECT path FROM orgs WHERE region_code = t.county ORDER BY level, id LIMIT 1), t.org_path),
       CASE WHEN t.ended THEN :NOW - 30 * 86400000 ELSE :NOW - 3 * 3600000 END - 3600000,
       (SELECT id FROM be_officer), (SELECT name FROM be_officer)
FROM be_tasks t ORDER BY t.id;

CREATE TEMP TABLE be_asked AS
  SELECT t.id AS task_id, t.ended, t.plng, t.plat, a.company_id, a.company_name, a.rn,
         (SELECT created_at FROM emergency_tasks WHERE id = t.id) AS at
  FROM be_tasks t JOIN (
    SELECT t2.id AS tid, c.id AS company_id, c.name AS company_name, ROW_NUMBER() OVER (PARTITION BY t2.id ORDER BY c.id) AS rn
    FROM be_tasks t2 JOIN companies c ON c.lat BETWEEN t2.plat - 0.045 AND t2.plat + 0.045 AND c.lng BETWEEN t2.plng - 0.045 AND t2.plng + 0.045
    WHERE c.status = 'active' AND c.region_code LIKE substr(t2.region_code, 1, 4) || '%') a ON a.tid = t.id
  WHERE a.rn <= 8;
INSERT INTO emergency_companies (task_id, company_id, company_name, notified_at, accepted, responded_at, responded_by_name)
SELECT task_id, company_id, company_name, at, CASE WHEN rn <= 3 THEN 1 WHEN rn <= 5 THEN 0 END,
       CASE WHEN rn <= 5 THEN at + 20 * 60000 END, CASE WHEN rn <= 5 THEN company_name END
FROM be_asked ORDER BY task_id, company_id;

CREATE TEMP TABLE be_sent AS
  SELECT a.task_id, a.company_id, a.plng, a.plat, a.at, g.id AS guard_id, g.rn
  FROM be_asked a JOIN (SELECT id, employer_id, ROW_NUMBER() OVER (PARTITION BY employer_id ORDER BY id DESC) AS rn FROM guards
                        WHERE employer_kind = 'company' AND employed = 1
                          AND employer_id IN (SELECT company_id FROM be_asked WHERE rn <= 3)) g
    ON g.employer_id = a.company_id AND g.rn <= 4
  WHERE a.rn <= 3;
INSERT OR IGNORE INTO emergency_guards (task_id, guard_id, company_id, assigned_at, checked_in_at, check_lng, check_lat, distance_m)
SELECT task_id, guard_id, company_id, at + 20 * 60000,
       CASE WHEN rn <= 3 THEN at + 3600000 + rn * 600000 END,
       CASE WHEN rn <= 3 THEN round(plng + 0.001 * rn, 6) END, CASE WHEN rn <= 3 THEN round(plat - 0.0005 * rn, 6) END,
       -- the distance of (0.001 rn, 0.0005 rn) degrees at latitude ~34°: about 111 m × rn
       CASE WHEN rn <= 3 THEN 111 * rn END
FROM be_sent ORDER BY task_id, guard_id;
INSERT INTO guard_check_ins (guard_id, emergency_task_id, lng, lat, at)
SELECT guard_id, task_id, round(plng + 0.001 * rn, 6), round(plat - 0.0005 * rn, 6), at + 3600000 + rn * 600000
FROM be_sent WHERE rn <= 3 AND guard_id IN (SELECT guard_id FROM emergency_guards WHERE task_id = be_sent.task_id)
ORDER BY at, guard_id;

DROP TABLE be_sent;
DROP TABLE be_asked;
DROP TABLE be_tasks;
DROP TABLE be_anchor;
DROP TABLE be_cities;
DROP TABLE be_base;
DROP TABLE be_officer;
