-- Flagged persons (问题人员, issue 15, §9.3) for :PERMILLE ‰ of the guards (10 = 1 %), as the screening worker
-- and FlaggedStore leave them (bench/supervision.sh): the guards whose id hashes into the share (spread over
-- every company and region); one hit each on one of the four default databases (screening_service.cpp's
-- reason / database_code / report), flagged over the past 180 days; of 20: 11 待处理, 3 责令辞退, 4 继续观察,
-- 2 误报 (each opinion by an officer with its history row; no company confirmation: 已辞退 would end the
-- employment). No background_checks rows: the lists do not read them.
-- The opinions' officer: the demo's 咸阳 city handler (xy_jb), else the first officer.
CREATE TEMP TABLE bp_officer AS
  SELECT id, name FROM users WHERE kind = 'officer' AND enabled = 1 ORDER BY account = 'xy_jb' DESC, id LIMIT 1;
CREATE TEMP TABLE bp_rows AS
WITH hits(k, code, db_name, detail) AS (VALUES
    (0, 'fugitive', '全国在逃人员信息库', '网上在逃人员(盗窃案)'),
    (1, 'criminal', '全国违法犯罪人员信息库', '因故意犯罪受过刑事处罚(2018年 故意伤害罪)'),
    (2, 'drug', '全国吸毒人员信息库', '吸毒成瘾未满三年'),
    (3, 'key_person', '全国重点人员信息库', '涉稳重点人员')),
  picked AS (
    SELECT g.id AS guard_id, g.id_no, g.name, (g.id * 2246822519) % 4294967296 AS hb
    FROM guards g WHERE (g.id * 2654435761) % 4294967296 % 1000 < :PERMILLE
      AND g.id NOT IN (SELECT guard_id FROM flagged_persons)),
  shaped AS (
    SELECT p.*, :NOW - ((hb >> 5) % (180 * 86400)) * 1000 AS flagged_at,
           CASE WHEN (hb >> 3) % 20 < 11 THEN 'pending' WHEN (hb >> 3) % 20 < 14 THEN 'dismiss'
                WHEN (hb >> 3) % 20 < 18 THEN 'observe' ELSE 'false_positive' END AS state,
           h.code, h.db_name, h.detail
    FROM picked p JOIN hits h ON h.k = (p.hb >> 11) % 4)
SELECT s.*, strftime('%Y-%m-%dT%H:%M:%S+08:00', s.flagged_at / 1000 + 8 * 3600, 'unixepoch') AS checked_iso,
       CASE s.state WHEN 'dismiss' THEN '经核查属实,依据《保安服务管理条例》第十七条,责令所在公司辞退'
                    WHEN 'observe' THEN '情节轻微,已谈话教育,继续观察三个月'
                    WHEN 'false_positive' THEN '经核查系同名同姓,误报' END AS opinion,
       min(s.flagged_at + 2 * 86400000, :NOW - 60000) AS opinion_at
FROM shaped s;

INSERT INTO flagged_persons (guard_id, id_no, name, reason, database_code, report, flagged_at, state, opinion, opinion_by_name,
                             opinion_at, confirmation, confirmed_on, confirmed_at, updated_at)
SELECT guard_id, id_no, name, detail, code,
       json_array(json_object('database', code, 'databaseName', db_name, 'detail', detail, 'checkedAt', checked_iso)),
       flagged_at, state, opinion, CASE WHEN opinion IS NOT NULL THEN (SELECT name FROM bp_officer) END,
       CASE WHEN opinion IS NOT NULL THEN opinion_at END,
       NULL, NULL, NULL,
       CASE WHEN opinion IS NOT NULL THEN opinion_at ELSE flagged_at END
FROM bp_rows ORDER BY flagged_at, guard_id;

INSERT INTO flagged_opinions (flagged_id, action, opinion, source, import_key, by_user, by_name, at)
SELECT f.id, r.state, r.opinion, 'web', NULL, (SELECT id FROM bp_officer), (SELECT name FROM bp_officer), r.opinion_at
FROM bp_rows r JOIN flagged_persons f ON f.guard_id = r.guard_id WHERE r.opinion IS NOT NULL ORDER BY f.id;

DROP TABLE bp_rows;
DROP TABLE bp_officer;
