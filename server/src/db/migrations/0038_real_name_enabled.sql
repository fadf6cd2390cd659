-- 实名认证 and App 初始化 (modules/industry/real_name.h) now need the person account enabled, and follow an
-- officer's disable, enable or rename of it. Recomputed here, with the statement the server runs at each event
-- (guard_store.cpp kProjectRealName), for the guards of every person account's ID number: those disabled or
-- renamed before this version were left verified. The other rows are untouched (no account: nothing changed;
-- the province-scale generator sets them directly).
UPDATE guards SET
  real_name_verified = CASE WHEN EXISTS (SELECT 1 FROM users u WHERE u.account = guards.id_no AND u.unit_kind = 'person'
    AND u.enabled = 1 AND u.name = guards.name) THEN 1 ELSE 0 END,
  app_initialized = CASE WHEN EXISTS (SELECT 1 FROM users u WHERE u.account = guards.id_no AND u.unit_kind = 'person'
    AND u.enabled = 1 AND u.name = guards.name AND u.login_count > 0) THEN 1 ELSE 0 END
WHERE id_no IN (SELECT account FROM users WHERE unit_kind = 'person');
