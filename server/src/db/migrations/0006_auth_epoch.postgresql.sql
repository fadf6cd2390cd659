-- What a signed-in user may do and see (permissions, data scope, org) is cached by each server
-- process (AuthService) and checked against this counter on every request. Any change to what it is
-- made of bumps the counter, in the same transaction, so that the change takes effect at the next
-- request in every process. Logins update users too (login count): a cache miss, never a stale hit.
CREATE TABLE auth_epoch (id INTEGER PRIMARY KEY CHECK (id = 1), n BIGINT NOT NULL);
INSERT INTO auth_epoch (id, n) VALUES (1, 0);
-- The bump locks the counter's row until the transaction ends: concurrent changes to users, roles or
-- orgs queue behind each other (admin work and sign-ins, short transactions). Two of them touching
-- the same rows in opposite orders could deadlock; PostgreSQL then aborts one, and it can be retried.
CREATE FUNCTION auth_epoch_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE auth_epoch SET n = n + 1;
  RETURN NULL;
END $$;
CREATE TRIGGER auth_epoch_users AFTER INSERT OR UPDATE OR DELETE ON users FOR EACH STATEMENT EXECUTE FUNCTION auth_epoch_bump();
CREATE TRIGGER auth_epoch_orgs AFTER INSERT OR UPDATE OR DELETE ON orgs FOR EACH STATEMENT EXECUTE FUNCTION auth_epoch_bump();
CREATE TRIGGER auth_epoch_roles AFTER INSERT OR UPDATE OR DELETE ON roles FOR EACH STATEMENT EXECUTE FUNCTION auth_epoch_bump();
CREATE TRIGGER auth_epoch_user_roles AFTER INSERT OR UPDATE OR DELETE ON user_roles FOR EACH STATEMENT EXECUTE FUNCTION auth_epoch_bump();
CREATE TRIGGER auth_epoch_role_permissions AFTER INSERT OR UPDATE OR DELETE ON role_permissions FOR EACH STATEMENT EXECUTE FUNCTION auth_epoch_bump();
CREATE TRIGGER auth_epoch_role_scope_orgs AFTER INSERT OR UPDATE OR DELETE ON role_scope_orgs FOR EACH STATEMENT EXECUTE FUNCTION auth_epoch_bump();
