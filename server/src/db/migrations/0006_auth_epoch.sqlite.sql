-- What a signed-in user may do and see (permissions, data scope, org) is cached by each server
-- process (AuthService) and checked against this counter on every request. Any change to what it is
-- made of bumps the counter, in the same transaction, so that the change takes effect at the next
-- request in every process. Logins update users too (login count): a cache miss, never a stale hit.
CREATE TABLE auth_epoch (id INTEGER PRIMARY KEY CHECK (id = 1), n BIGINT NOT NULL);
INSERT INTO auth_epoch (id, n) VALUES (1, 0);
CREATE TRIGGER auth_epoch_users_insert AFTER INSERT ON users BEGIN UPDATE auth_epoch SET n = n + 1; END;
CREATE TRIGGER auth_epoch_users_update AFTER UPDATE ON users BEGIN UPDATE auth_epoch SET n = n + 1; END;
CREATE TRIGGER auth_epoch_users_delete AFTER DELETE ON users BEGIN UPDATE auth_epoch SET n = n + 1; END;
CREATE TRIGGER auth_epoch_orgs_insert AFTER INSERT ON orgs BEGIN UPDATE auth_epoch SET n = n + 1; END;
CREATE TRIGGER auth_epoch_orgs_update AFTER UPDATE ON orgs BEGIN UPDATE auth_epoch SET n = n + 1; END;
CREATE TRIGGER auth_epoch_orgs_delete AFTER DELETE ON orgs BEGIN UPDATE auth_epoch SET n = n + 1; END;
CREATE TRIGGER auth_epoch_roles_insert AFTER INSERT ON roles BEGIN UPDATE auth_epoch SET n = n + 1; END;
CREATE TRIGGER auth_epoch_roles_update AFTER UPDATE ON roles BEGIN UPDATE auth_epoch SET n = n + 1; END;
CREATE TRIGGER auth_epoch_roles_delete AFTER DELETE ON roles BEGIN UPDATE auth_epoch SET n = n + 1; END;
CREATE TRIGGER auth_epoch_user_roles_insert AFTER INSERT ON user_roles BEGIN UPDATE auth_epoch SET n = n + 1; END;
CREATE TRIGGER auth_epoch_user_roles_update AFTER UPDATE ON user_roles BEGIN UPDATE auth_epoch SET n = n + 1; END;
CREATE TRIGGER auth_epoch_user_roles_delete AFTER DELETE ON user_roles BEGIN UPDATE auth_epoch SET n = n + 1; END;
CREATE TRIGGER auth_epoch_role_permissions_insert AFTER INSERT ON role_permissions BEGIN UPDATE auth_epoch SET n = n + 1; END;
CREATE TRIGGER auth_epoch_role_permissions_update AFTER UPDATE ON role_permissions BEGIN UPDATE auth_epoch SET n = n + 1; END;
CREATE TRIGGER auth_epoch_role_permissions_delete AFTER DELETE ON role_permissions BEGIN UPDATE auth_epoch SET n = n + 1; END;
CREATE TRIGGER auth_epoch_role_scope_orgs_insert AFTER INSERT ON role_scope_orgs BEGIN UPDATE auth_epoch SET n = n + 1; END;
CREATE TRIGGER auth_epoch_role_scope_orgs_update AFTER UPDATE ON role_scope_orgs BEGIN UPDATE auth_epoch SET n = n + 1; END;
CREATE TRIGGER auth_epoch_role_scope_orgs_delete AFTER DELETE ON role_scope_orgs BEGIN UPDATE auth_epoch SET n = n + 1; END;
