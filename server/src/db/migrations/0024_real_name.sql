-- 实名认证 and App 初始化 of guards (issue 14 §8) become a projection of the person accounts
-- (modules/industry/real_name.h): until now only the demo seed and the generator set the two columns.
-- Recomputed here for every row with the statement the server runs at each event (guard_store.cpp
-- kProjectRealName): verified when a person account (users.unit_kind 'person', its account the ID
-- number) has the guard's name; App 初始化 when that account has also signed in once.
UPDATE guards SET
  real_name_verified = CASE WHEN EXISTS (SELECT 1 FROM users u WHERE u.account = guards.id_no AND u.unit_kind = 'person'
    AND u.name = guards.name) THEN 1 ELSE 0 END,
  app_initialized = CASE WHEN EXISTS (SELECT 1 FROM users u WHERE u.account = guards.id_no AND u.unit_kind = 'person'
    AND u.name = guards.name AND u.login_count > 0) THEN 1 ELSE 0 END;
