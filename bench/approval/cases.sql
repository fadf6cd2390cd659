-- The approval scenario of issues 11 and 12 (bench/approval.sh): :CASES cases of the eight business
-- types organisations apply for, on top of the demo seed (its chains, orgs, officers, companies,
-- licences and its cases of every type, whose forms serve as templates).
--
-- Each case is an ordinary row of `applications` as the engine leaves it:
--   type      annual_report 30 %, cross_region_filing 20 %, branch_filing 12 %, licence_change 12 %,
--             inhouse_filing 10 %, company_licence 8 %, training_licence 4 %, inhouse_revocation 4 %;
--   state     of 20: 1 draft, 2 waiting for 受理, 1 补正, 5 in review, 1 paused, 1 returned, 1 refused,
--             1 withdrawn, 7 decided (准予); open cases started 10 to 60 days ago, the others in
--             the last three years;
--   applicant the demo's licensed companies for filings and changes (their name, credit code,
--             licence), portal applicants for the licences and the in-house filings;
--   routing   the form's region as the engine reads it (routingField): a branch where it is set up,
--             a cross-region service in 西安 (新城/雁塔: 西安市公安局's officers xa_jb, xa_bac), the
--             others where the applicant is; org_path = that county bureau's, level_org_id = the org
--             at the waiting step's level above that region (the 西安 city bureau for cross-region);
--   chain     the type's chain in force (workflow_versions); a licence change that changes the
--             法定代表人 (one in three) runs the province steps too (onlyIf "changes:legalName");
--   key_value the type's key field as keyValueOf copies it: 分公司名称, 客户单位, 年度; '' for the
--             types without one; late_filing the 逾期备案 note on one filing in twelve.
-- Pseudo-random but reproducible: every choice comes from multiplicative hashes of the case number.
WITH RECURSIVE
  n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < :CASES),
  h(i, ha, hb, hc) AS (SELECT i, (i * 2654435761) % 4294967296, ((i + 7) * 2246822519) % 4294967296,
                              ((i + 13) * 3266489917) % 4294967296 FROM n),
  -- 咸阳's district and county bureaus, 西安's (cross-region services), with their short names.
  xy(k, code, short) AS (SELECT ROW_NUMBER() OVER (ORDER BY region_code) - 1, region_code, substr(name, 1, 2) FROM orgs
                         WHERE type IN ('district_bureau', 'county_bureau') AND path LIKE (SELECT path FROM orgs WHERE region_code = '610400' AND type = 'city_bureau') || '%'),
  xa(k, code) AS (SELECT ROW_NUMBER() OVER (ORDER BY region_code) - 1, region_code FROM orgs
                  WHERE type IN ('district_bureau', 'county_bureau') AND path LIKE (SELECT path FROM orgs WHERE region_code = '610100' AND type = 'city_bureau') || '%'),
  -- Licensed companies' accounts; portal applicants (company and training licences), in-house units.
  co(k, user_id, company_id, name, code, region, licence_id) AS (
    SELECT ROW_NUMBER() OVER (ORDER BY u.id) - 1, u.id, c.id, c.name, c.credit_code, c.region_code,
           (SELECT MIN(l.id) FROM licences l WHERE l.holder_kind = 'company' AND l.holder_id = c.id)
    FROM users u JOIN companies c ON c.id = u.company_id WHERE u.kind = 'company'),
  ap(k, user_id) AS (SELECT ROW_NUMBER() OVER (ORDER BY id) - 1, id FROM users WHERE kind = 'applicant' AND unit_kind IS NULL),
  tu(user_id) AS (SELECT MIN(id) FROM users WHERE unit_kind = 'training_unit'),
  iu(user_id) AS (SELECT MIN(id) FROM users WHERE unit_kind = 'inhouse_unit'),
  -- The demo's forms, one per type (a submitted one: every required field).
  tpl(type, form) AS (SELECT business_type, form FROM applications a WHERE id = (SELECT MAX(id) FROM applications b
                      WHERE b.business_type = a.business_type AND b.status <> 'draft')),
  clients(k, name) AS (SELECT key - 0, value FROM json_each('["西安高新科技产业园管理中心","西安曲江会展中心","西安交通大学","西安北站","大唐不夜城管委会",
    "西安国际港务区","小寨商业中心","西安国际会展中心","陕西历史博物馆","西安奥体中心","西安市第一医院","大雁塔景区","西安电子科技大学","赛格国际购物中心",
    "曲江池遗址公园","西安城墙景区","钟楼商圈管委会","西安银行总部","陕西大剧院","西安图书馆","长安大学","西安音乐厅","新城广场","西安火车站",
    "西安市政府大院","陕西宾馆","西安交大一附院","唐延路写字楼群","高新国际商务中心","西安体育学院"]')),
  cases AS (
    SELECT i, ha, hb, hc,
           CASE WHEN (ha >> 8) % 100 < 30 THEN 'annual_report' WHEN (ha >> 8) % 100 < 50 THEN 'cross_region_filing'
                WHEN (ha >> 8) % 100 < 62 THEN 'branch_filing' WHEN (ha >> 8) % 100 < 74 THEN 'licence_change'
                WHEN (ha >> 8) % 100 < 84 THEN 'inhouse_filing' WHEN (ha >> 8) % 100 < 92 THEN 'company_licence'
                WHEN (ha >> 8) % 100 < 96 THEN 'training_licence' ELSE 'inhouse_revocation' END AS type,
           CASE (hb >> 9) % 20 WHEN 0 THEN 'draft' WHEN 1 THEN 'submitted' WHEN 2 THEN 'submitted' WHEN 3 THEN 'correction'
                WHEN 9 THEN 'paused' WHEN 10 THEN 'returned' WHEN 11 THEN 'refused' WHEN 12 THEN 'withdrawn'
                ELSE CASE WHEN (hb >> 9) % 20 < 9 THEN 'in_review' ELSE 'granted' END END AS status,
           (hc >> 7) % 3 = 0 AS legal_change,
           (hc >> 11) % 12 = 0 AS late
    FROM h),
  dated AS (
    SELECT *, :NOW - (CASE WHEN status IN ('draft', 'submitted', 'correction', 'in_review', 'paused') THEN 10 + (hb >> 14) % 50
                         ELSE 60 + (hb >> 14) % 1035 END) * 86400000 - (ha >> 20) % 86400000 AS created
    FROM cases),
  who AS (
    SELECT d.*,
           co.user_id AS co_user, co.company_id, co.name AS co_name, co.code AS co_code, co.region AS co_region, co.licence_id,
           (SELECT user_id FROM ap WHERE k = (d.hc >> 13) % (SELECT COUNT(*) FROM ap)) AS ap_user,
           (SELECT code FROM xy WHERE k = (d.hc >> 17) % (SELECT COUNT(*) FROM xy)) AS xy_region,
           (SELECT short FROM xy WHERE k = (d.hc >> 17) % (SELECT COUNT(*) FROM xy)) AS xy_short,
           (SELECT code FROM xa WHERE k = (d.hc >> 17) % (SELECT COUNT(*) FROM xa)) AS xa_region,
           (SELECT name FROM clients WHERE k = (d.ha >> 13) % (SELECT COUNT(*) FROM clients)) AS client,
           CAST(strftime('%Y', d.created / 1000, 'unixepoch') AS INTEGER) - 1 AS report_year,
           date(d.created / 1000 - 20 * 86400, 'unixepoch') AS event_on,
           strftime('%Y', d.created / 1000, 'unixepoch') AS case_year
    FROM dated d JOIN co ON co.k = (d.ha >> 3) % (SELECT COUNT(*) FROM co)),
  shaped AS (
    SELECT w.*,
           CASE w.type WHEN 'cross_region_filing' THEN xa_region
                       WHEN 'annual_report' THEN co_region WHEN 'licence_change' THEN co_region
                       ELSE xy_region END AS region,
           CASE WHEN w.type IN ('company_licence', 'training_licence', 'inhouse_filing', 'inhouse_revocation') THEN
                  CASE w.type WHEN 'company_licence' THEN '咸阳' || xy_short || '压测' || i || '号保安服务有限公司'
                              WHEN 'training_licence' THEN '咸阳' || xy_short || '压测' || i || '号保安培训学校'
                              ELSE xy_short || '压测' || i || '号自行招用保安员单位' END
                ELSE co_name END AS applicant_name,
           CASE WHEN w.type IN ('company_licence', 'training_licence', 'inhouse_filing', 'inhouse_revocation')
                THEN '9161' || substr(xy_region, 3, 4) || 'MB' || printf('%06d', i) ELSE co_code END AS applicant_code,
           CASE w.type WHEN 'company_licence' THEN ap_user WHEN 'training_licence' THEN (SELECT user_id FROM tu)
                       WHEN 'inhouse_filing' THEN (SELECT user_id FROM iu) WHEN 'inhouse_revocation' THEN (SELECT user_id FROM iu)
                       ELSE co_user END AS user_id,
           CASE WHEN w.type IN ('company_licence', 'training_licence', 'inhouse_filing', 'inhouse_revocation') THEN NULL
                ELSE company_id END AS applicant_company_id,
           CASE w.type WHEN 'branch_filing' THEN replace(co_name, '保安服务有限公司', '') || xy_short || '分公司'
                       WHEN 'cross_region_filing' THEN client
                       WHEN 'annual_report' THEN CAST(report_year AS TEXT)
                       ELSE '' END AS key_value
    FROM who w),
  formed AS (
    SELECT s.*,
           CASE s.type
             WHEN 'company_licence' THEN json_set(t.form, '$.name', s.applicant_name, '$.creditCode', s.applicant_code, '$.regionCode', s.region)
             WHEN 'training_licence' THEN json_set(t.form, '$.name', s.applicant_name, '$.creditCode', s.applicant_code, '$.regionCode', s.region)
             WHEN 'inhouse_filing' THEN json_set(t.form, '$.name', s.applicant_name, '$.creditCode', s.applicant_code, '$.regionCode', s.region,
                                                 '$.startedOn', s.event_on)
             WHEN 'inhouse_revocation' THEN json_object('stoppedOn', s.event_on, 'reason', '不再自行招用保安员,改为购买保安服务',
                                                        'guardsDisposition', '保安员已转岗安置', 'evidenceFiles', json_array())
             WHEN 'branch_filing' THEN json_set(t.form, '$.branchName', s.key_value, '$.regionCode', s.region, '$.setUpOn', s.event_on,
                                                '$.licenceId', coalesce(s.licence_id, json_extract(t.form, '$.licenceId')),
                                                '$.address', '陕西省咸阳市' || s.xy_short || '人民路' || (s.i % 200) || '号')
             WHEN 'cross_region_filing' THEN json_set(t.form, '$.clientName', s.client, '$.serviceRegionCode', s.region,
                                                      '$.periodFrom', date(s.created / 1000 + 10 * 86400, 'unixepoch'),
                                                      '$.periodTo', date(s.created / 1000 + 190 * 86400, 'unixepoch'),
                                                      '$.licenceId', coalesce(s.licence_id, json_extract(t.form, '$.licenceId')))
             WHEN 'annual_report' THEN json_set(t.form, '$.year', s.report_year)
             WHEN 'licence_change' THEN
               CASE WHEN s.legal_change THEN json_set(t.form, '$.changes', json('[{"item":"legalName","itemName":"法定代表人","newValue":"压测' || s.i || '","oldValue":"王国庆"}]'),
                                                      '$.legalPerson', json('[{"idNo":"610404197603216066","mobile":"15902911506","name":"压测' || s.i || '","role":"负责人"}]'),
                                                      '$.reason', '股东会决议更换法定代表人',
                                                      '$.licenceId', coalesce(s.licence_id, json_extract(t.form, '$.licenceId')))
                    ELSE json_set(t.form, '$.changes', json('[{"item":"address","itemName":"住所","newValue":"咸阳市秦都区世纪大道' || (s.i % 300) || '号","oldValue":"咸阳市渭城区文汇路1号"}]'),
                                  '$.legalPerson', json('null'), '$.reason', '公司迁址',
                                  '$.licenceId', coalesce(s.licence_id, json_extract(t.form, '$.licenceId'))) END
           END AS form
    FROM shaped s LEFT JOIN tpl t ON t.type = s.type),
  chains AS (
    SELECT f.*, wv.id AS wid, wv.steps FROM formed f
    JOIN workflow_versions wv ON wv.business_type = f.type
     AND wv.version = (SELECT MAX(version) FROM workflow_versions WHERE business_type = f.type)),
  -- The steps this case runs (a step with onlyIf "changes:legalName" only for a legal-person change).
  runs AS (
    SELECT c.*, (SELECT json_group_array(CAST(s.key AS INTEGER)) FROM json_each(c.steps) s
                 WHERE json_extract(s.value, '$.onlyIf') IS NULL OR c.legal_change) AS run FROM chains c),
  placed AS (
    SELECT r.*, CASE WHEN status IN ('in_review', 'paused') THEN json_extract(run, '$[' || ((hc >> 19) % json_array_length(run)) || ']')
                     WHEN status IN ('submitted', 'correction') THEN json_extract(run, '$[0]') END AS idx
    FROM runs r),
  stepped AS (
    SELECT p.*, json_extract(steps, '$[' || idx || '].post') AS post, json_extract(steps, '$[' || idx || '].level') AS level,
           created + 86400000 AS submitted, created + 2 * 86400000 AS accepted,
           created + (2 + coalesce(idx, 0)) * 86400000 + (hb >> 22) % 3600000 AS arrived,
           created + 15 * 86400000 AS decided
    FROM placed p)
INSERT INTO applications (case_no, business_type, workflow_version_id, status, applicant_user_id, applicant_company_id, applicant_name,
                          applicant_code, region_code, form, step_index, step_post, level_org_id, handler_user_id, step_arrived_at,
                          submitted_at, accepted_at, decided_at, paused_at, pause_kind, org_path, created_at, updated_at, key_value,
                          late_filing)
SELECT CASE WHEN status = 'draft' THEN NULL ELSE 'BA' || case_year || printf('%08d', 100000 + i) END, type, wid, status, user_id,
       applicant_company_id, applicant_name, applicant_code, region, form, idx, post,
       CASE level
         WHEN 'province' THEN (SELECT id FROM orgs WHERE type = 'province_dept' ORDER BY id LIMIT 1)
         WHEN 'city' THEN (SELECT id FROM orgs WHERE type = 'city_bureau' AND region_code = substr(region, 1, 4) || '00' ORDER BY id LIMIT 1)
         WHEN 'county' THEN (SELECT id FROM orgs WHERE region_code = region AND type IN ('district_bureau', 'county_bureau') ORDER BY id LIMIT 1)
       END,
       -- 省厅科长指派 named the 省厅民警 who reviews.
       CASE WHEN post = 'province_officer' THEN (SELECT id FROM users WHERE account = 'st_mj') END,
       CASE WHEN idx IS NOT NULL THEN CASE WHEN status IN ('submitted', 'correction') THEN submitted ELSE arrived END END,
       CASE WHEN status <> 'draft' THEN submitted END,
       CASE WHEN status IN ('in_review', 'paused', 'granted', 'refused') THEN accepted END,
       CASE WHEN status IN ('granted', 'refused') THEN decided END,
       CASE WHEN status = 'paused' THEN arrived + 86400000 END,
       CASE WHEN status = 'paused' THEN 'expert_review' END,
       (SELECT path FROM orgs WHERE region_code = region AND type IN ('district_bureau', 'county_bureau') ORDER BY id LIMIT 1),
       created,
       CASE WHEN status = 'draft' THEN created WHEN status IN ('submitted', 'correction') THEN submitted
            WHEN status = 'paused' THEN arrived + 86400000 WHEN status = 'in_review' THEN arrived
            WHEN status IN ('granted', 'refused') THEN decided ELSE accepted + 3 * 86400000 END,
       key_value,
       CASE WHEN late AND status <> 'draft' THEN
         CASE type WHEN 'branch_filing' THEN '逾期备案:应在分公司设立后15个工作日内备案(期限至' || date(created / 1000 - 1 * 86400, 'unixepoch') || ',' || date(submitted / 1000, 'unixepoch') || '提交)'
                   WHEN 'inhouse_filing' THEN '逾期备案:应在开始招用保安员之日起30日内备案(期限至' || date(created / 1000 - 1 * 86400, 'unixepoch') || ',' || date(submitted / 1000, 'unixepoch') || '提交)'
                   WHEN 'inhouse_revocation' THEN '逾期备案:应在停止招用保安员之日起30日内撤销备案(期限至' || date(created / 1000 - 1 * 86400, 'unixepoch') || ',' || date(submitted / 1000, 'unixepoch') || '提交)'
                   WHEN 'cross_region_filing' THEN '逾期备案:应在跨区域服务开始前备案(期限至' || date(created / 1000 - 1 * 86400, 'unixepoch') || ',' || date(submitted / 1000, 'unixepoch') || '提交)'
         END END
FROM stepped;
