-- :TASKS company tasks across the province (issue 14, §7.1/§7.4), on top of bench/generate.sh's database
-- (bench/supervision.sh). Each row is what TaskStore::insert + setGuards (+ cancel) leave:
--   company   an active company with coordinates and employed guards, drawn by a hash of the task number
--             (the big company as often as any other: it publishes tasks like the rest);
--   place     the company's coordinates moved by up to ±0.02° (about 2 km), region_code = the company's
--             county, city_code / province_code its ancestors; org_id / org_path = the company's
--             supervising org; region_org_path = the bureau of the county (TaskStore::regionOrg: the
--             county's org, else the city's, else the province's);
--   status    of 10: 3 running (started 0–20 days ago, ending within 30 days), 2 pending (starting in
--             1–60 days), 4 ended (over the past 12 months), 1 cancelled; start_month as the store writes it
--             (China time);
--   guards    needed 2–6; the company's employed guards (its rn-th by id, spread by hashes), duplicates dropped.
-- Pseudo-random but reproducible: every choice comes from multiplicative hashes of the task number.
CREATE TEMP TABLE bt_companies AS
  SELECT ROW_NUMBER() OVER (ORDER BY c.id) - 1 AS k, c.id, c.name, c.org_id, c.org_path, substr(c.region_code, 1, 6) AS county,
         c.lng, c.lat, g.n AS guards
  FROM companies c
  JOIN (SELECT employer_id, COUNT(*) AS n FROM guards WHERE employer_kind = 'company' AND employed = 1 GROUP BY employer_id) g
    ON g.employer_id = c.id
  WHERE c.status = 'active' AND c.lng IS NOT NULL AND c.lat IS NOT NULL;
CREATE TEMP TABLE bt_guards AS
  SELECT employer_id AS company_id, ROW_NUMBER() OVER (PARTITION BY employer_id ORDER BY id) - 1 AS rn, id AS guard_id
  FROM guards WHERE employer_kind = 'company' AND employed = 1 AND employer_id IN (SELECT id FROM bt_companies);
CREATE INDEX bt_guards_pick ON bt_guards(company_id, rn);
-- The bureau of each county (TaskStore::regionOrg's order: the county, its city, the province).
CREATE TEMP TABLE bt_region_org AS
  SELECT county, COALESCE((SELECT path FROM orgs WHERE region_code = county ORDER BY level, id LIMIT 1),
                          (SELECT path FROM orgs WHERE region_code = substr(county, 1, 4) || '00' ORDER BY level, id LIMIT 1),
                          (SELECT path FROM orgs WHERE region_code = substr(county, 1, 2) || '0000' ORDER BY level, id LIMIT 1)) AS path
  FROM (SELECT DISTINCT county FROM bt_companies);
CREATE TEMP TABLE bt_base AS
  SELECT MAX(COALESCE((SELECT MAX(id) FROM tasks), 0), COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'tasks'), 0)) AS id;

CREATE TEMP TABLE bt_tasks AS
WITH RECURSIVE
  n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < :TASKS),
  h(i, ha, hb, hc) AS (SELECT i, (i * 2654435761) % 4294967296, ((i + 7) * 2246822519) % 4294967296,
                              ((i + 13) * 3266489917) % 4294967296 FROM n),
  ideas(k, name, type, client, place) AS (VALUES
    (0, '小区门岗值守', 'door', '物业管理有限公司', '世纪花园小区'),
    (1, '商业街夜间巡逻', 'patrol', '商业街管委会', '步行街'),
    (2, '银行营业网点守护', 'guarding', '工商银行支行', '人民路营业部'),
    (3, '现金押运', 'escort', '农业银行支行', '金库至各网点'),
    (4, '企业负责人随身护卫', 'bodyguard', '陕西某科技有限公司', '高新产业园'),
    (5, '演唱会安全检查', 'inspection', '文化旅游局', '体育馆'),
    (6, '马拉松赛事安保', 'event', '体育局', '世纪大道'),
    (7, '工地夜间看护', 'other', '中建某局项目部', '新区建设工地')),
  picked AS (
    SELECT h.*, c.id AS company_id, c.name AS company_name, c.org_id, c.org_path, c.county, c.lng AS clng, c.lat AS clat, c.guards,
           (hb >> 9) % 10 AS st, (ha >> 11) % 8 AS idea
    FROM h JOIN bt_companies c ON c.k = (h.ha >> 3) % (SELECT COUNT(*) FROM bt_companies)),
  timed AS (
    SELECT p.*,
           CASE WHEN st < 3 THEN :NOW - ((hc >> 5) % (20 * 24)) * 3600000 - 3600000                -- running
                WHEN st < 5 THEN :NOW + (1 + (hc >> 5) % 60) * 86400000                           -- pending
                WHEN st < 9 THEN :NOW - (2 + (hc >> 5) % 363) * 86400000 - ((hb >> 17) % 86400) * 1000  -- ended
                ELSE :NOW + (1 + (hc >> 5) % 30) * 86400000 END AS start_at,                      -- cancelled
           CASE WHEN st < 3 THEN :NOW + (1 + (hc >> 13) % 30) * 86400000
                WHEN st < 5 THEN 0
                WHEN st < 9 THEN 0
                ELSE 0 END AS run_end
    FROM picked p)
SELECT t.i, (SELECT id FROM bt_base) + t.i AS id, t.company_id, t.company_name,
       substr(o.name, 1, 2) || ideas.name AS name, ideas.type, substr(o.name, 1, 2) || ideas.client AS client,
       '陕西省' || o.name || '辖区' || substr(o.name, 1, 2) || ideas.place || (t.i % 300 + 1) || '号' AS address,
       t.county AS region_code, substr(t.county, 1, 4) || '00' AS city_code, substr(t.county, 1, 2) || '0000' AS province_code,
       round(t.clng + ((t.hc >> 3) % 401 - 200) / 10000.0, 6) AS lng, round(t.clat + ((t.hb >> 3) % 401 - 200) / 10000.0, 6) AS lat,
       t.start_at,
       CASE WHEN t.st < 3 THEN t.run_end
            WHEN t.st < 5 THEN t.start_at + (1 + (t.ha >> 15) % 10) * 86400000
            WHEN t.st < 9 THEN min(t.start_at + (1 + (t.ha >> 15) % 48) * 3600000, :NOW - 3600000)
            ELSE t.start_at + (1 + (t.ha >> 15) % 5) * 86400000 END AS end_at,
       strftime('%Y-%m', t.start_at / 1000 + 8 * 3600, 'unixepoch') AS start_month,
       2 + (t.hb >> 21) % 5 AS needed,
       CASE WHEN t.st = 9 THEN :NOW - (1 + (t.hb >> 23) % 5) * 86400000 END AS cancelled_at,
       t.org_id, t.org_path, COALESCE(ro.path, t.org_path) AS region_org_path,
       min(:NOW - 60000, t.start_at - 86400000) AS created_at, t.guards
FROM timed t JOIN ideas ON ideas.k = t.idea
LEFT JOIN bt_region_org ro ON ro.county = t.county
LEFT JOIN orgs o ON o.id = (SELECT id FROM orgs WHERE region_code = t.county ORDER BY level, id LIMIT 1);

INSERT INTO tasks (id, company_id, company_name, name, type, client, address, region_code, city_code, province_code, lng, lat, start_at,
                   end_at, start_month, needed, cancelled_at, org_id, org_path, region_org_path, created_at, updated_at, created_by)
SELECT id, company_id, company_name, COALESCE(name, '保安服务任务'), type, COALESCE(client, '客户单位'), COALESCE(address, '陕西省'),
       region_code, city_code, province_code, lng, lat, start_at, end_at, start_month, needed, cancelled_at, org_id, org_path,
       region_org_path, created_at, COALESCE(cancelled_at, created_at), NULL
FROM bt_tasks ORDER BY id;

-- The guards sent: needed picks of the company's employed guards (a draw may repeat: OR IGNORE keeps one).
WITH RECURSIVE slot(j) AS (SELECT 0 UNION ALL SELECT j + 1 FROM slot WHERE j < 5)
INSERT OR IGNORE INTO task_guards (task_id, guard_id)
SELECT t.id, g.guard_id FROM bt_tasks t JOIN slot ON slot.j < t.needed
JOIN bt_guards g ON g.company_id = t.company_id AND g.rn = ((t.i * 7919 + slot.j * 104729) % 2147483647) % t.guards
ORDER BY t.id, g.guard_id;

DROP TABLE bt_tasks;
DROP TABLE bt_base;
DROP TABLE bt_region_org;
DROP TABLE bt_guards;
DROP TABLE bt_companies;
