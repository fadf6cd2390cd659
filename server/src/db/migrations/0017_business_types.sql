-- Issue 12: every business type on the engine.
-- users.unit_kind: what a portal account signed up as (company | training_unit | inhouse_unit); NULL
-- on officer accounts and on the company accounts made before it (companies).
ALTER TABLE users ADD COLUMN unit_kind TEXT;
-- applications.key_value: the value of the type's own search field (分公司名称, 客户单位, 年度 …), copied
-- from the form when it is saved, so that the §5 lists filter on a column, not inside JSON.
-- applications.late_filing: the 逾期备案 note of a filing submitted after its legal deadline.
ALTER TABLE applications ADD COLUMN key_value TEXT;
ALTER TABLE applications ADD COLUMN late_filing TEXT;
