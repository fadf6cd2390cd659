-- A province exam round (issue 13 benchmark): :N paid candidates of 咸阳 waiting for an exam
-- (status pending_exam), each beside a granted engine case, as the registration pipeline leaves them.
-- ID numbers are valid and unique (birth dates from 1970 on, GB 11643 check character computed here:
-- the 制证审批 case checks them); every candidate shares the first demo registration's photo (the
-- tickets and certificates draw it).
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < :N),
f(i, s) AS (SELECT i, '610423' || strftime('%Y%m%d', date('1970-01-01', '+' || (i % 9000) || ' days')) || printf('%03d', 100 + i / 9000) FROM n),
ids(i, id_no) AS (
  SELECT i, s || substr('10X98765432', ((substr(s,1,1)*7 + substr(s,2,1)*9 + substr(s,3,1)*10 + substr(s,4,1)*5 + substr(s,5,1)*8
    + substr(s,6,1)*4 + substr(s,7,1)*2 + substr(s,8,1)*1 + substr(s,9,1)*6 + substr(s,10,1)*3 + substr(s,11,1)*7
    + substr(s,12,1)*9 + substr(s,13,1)*10 + substr(s,14,1)*5 + substr(s,15,1)*8 + substr(s,16,1)*4 + substr(s,17,1)*2) % 11) + 1, 1)
  FROM f)
INSERT INTO applications (case_no, business_type, workflow_version_id, status, applicant_user_id, applicant_name, applicant_code,
                          region_code, form, org_path, submitted_at, accepted_at, decided_at, created_at, updated_at)
SELECT 'BX' || printf('%08d', i), 'exam_registration',
       (SELECT id FROM workflow_versions WHERE business_type = 'exam_registration' ORDER BY version DESC LIMIT 1), 'granted',
       (SELECT id FROM users WHERE account = 'hc_mj'), '考生' || i, id_no, '610404003000', '{}',
       (SELECT path FROM orgs WHERE name = '渭城护城河派出所'), :NOW, :NOW, :NOW, :NOW, :NOW
FROM ids;
INSERT INTO exam_registrations (application_id, status, attempt, id_no, name, gender, birth_date, ethnicity, education,
                                household_region, household_address, current_address, mobile, photo_file_id, armed_escort,
                                city_code, registered_by_user_id, registered_by_kind, org_path, created_at, updated_at)
SELECT a.id, 'pending_exam', 1, a.applicant_code, a.applicant_name,
       CASE substr(a.applicant_code, 17, 1) % 2 WHEN 0 THEN 'female' ELSE 'male' END,
       substr(a.applicant_code, 7, 4) || '-' || substr(a.applicant_code, 11, 2) || '-' || substr(a.applicant_code, 13, 2), '汉族', 'senior', '610404003000', '咸阳市渭城区新兴路' || a.id || '号', '咸阳市渭城区文林路1号',
       '139' || printf('%08d', a.id % 100000000), (SELECT photo_file_id FROM exam_registrations ORDER BY id LIMIT 1), 0,
       '610400', a.applicant_user_id, 'officer', a.org_path, :NOW, :NOW
FROM applications a WHERE a.case_no LIKE 'BX%';
COMMIT;
ANALYZE;
