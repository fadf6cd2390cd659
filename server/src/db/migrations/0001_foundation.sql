-- Foundation: police orgs, roles, users, sessions, logs, SMS.
-- Times are UTC epoch milliseconds (BIGINT); booleans are INTEGER 0/1 on both databases.

CREATE TABLE orgs (
  id {{ID}},
  parent_id BIGINT REFERENCES orgs(id),
  path TEXT {{PATH}} NOT NULL,
  level INTEGER NOT NULL,
  name TEXT NOT NULL,
  region_code TEXT NOT NULL,
  phone TEXT,
  address TEXT,
  type TEXT NOT NULL,
  sort_order INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  created_by BIGINT
);
CREATE UNIQUE INDEX orgs_path ON orgs(path);
CREATE INDEX orgs_parent ON orgs(parent_id, sort_order, id);
CREATE UNIQUE INDEX orgs_sibling_name ON orgs(parent_id, name);

CREATE TABLE users (
  id {{ID}},
  account TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  must_change_password INTEGER NOT NULL DEFAULT 1,
  kind TEXT NOT NULL DEFAULT 'officer',
  name TEXT NOT NULL,
  is_police INTEGER NOT NULL DEFAULT 1,
  police_no TEXT,
  id_no TEXT NOT NULL,
  gender TEXT NOT NULL,
  birth_date TEXT NOT NULL,
  mobile TEXT NOT NULL,
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  org_path TEXT {{PATH}} NOT NULL,
  enabled INTEGER NOT NULL DEFAULT 1,
  login_count BIGINT NOT NULL DEFAULT 0,
  last_login_at BIGINT,
  failed_logins INTEGER NOT NULL DEFAULT 0,
  locked_until BIGINT,
  password_changed_at BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  created_by BIGINT
);
CREATE UNIQUE INDEX users_account ON users(account);
CREATE UNIQUE INDEX users_police_no ON users(police_no) WHERE police_no IS NOT NULL;
CREATE INDEX users_org_path ON users(org_path, id);
CREATE INDEX users_mobile ON users(mobile);

CREATE TABLE roles (
  id {{ID}},
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  org_path TEXT {{PATH}} NOT NULL,
  name TEXT NOT NULL,
  scope_kind TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  created_by BIGINT
);
CREATE UNIQUE INDEX roles_org_name ON roles(org_id, name);
CREATE INDEX roles_org_path ON roles(org_path);

CREATE TABLE role_permissions (
  role_id BIGINT NOT NULL REFERENCES roles(id) ON DELETE CASCADE,
  permission TEXT NOT NULL,
  PRIMARY KEY (role_id, permission)
);

CREATE TABLE role_scope_orgs (
  role_id BIGINT NOT NULL REFERENCES roles(id) ON DELETE CASCADE,
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  PRIMARY KEY (role_id, org_id)
);

CREATE TABLE user_roles (
  user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  role_id BIGINT NOT NULL REFERENCES roles(id),
  PRIMARY KEY (user_id, role_id)
);
CREATE INDEX user_roles_role ON user_roles(role_id);

CREATE TABLE user_approval_posts (
  user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  business_type TEXT NOT NULL,
  post TEXT NOT NULL,
  PRIMARY KEY (user_id, business_type)
);
CREATE INDEX user_approval_posts_post ON user_approval_posts(business_type, post);

-- Sessions live in the database so that any number of server processes share them.
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL,
  ip TEXT,
  user_agent TEXT
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE login_logs (
  id {{ID}},
  at BIGINT NOT NULL,
  account TEXT NOT NULL,
  user_id BIGINT,
  org_path TEXT {{PATH}},
  ip TEXT,
  user_agent TEXT,
  success INTEGER NOT NULL,
  reason TEXT
);
CREATE INDEX login_logs_at ON login_logs(at);
CREATE INDEX login_logs_account ON login_logs(account, at);

CREATE TABLE audit_logs (
  id {{ID}},
  at BIGINT NOT NULL,
  user_id BIGINT,
  account TEXT,
  user_name TEXT,
  org_path TEXT {{PATH}},
  ip TEXT,
  action TEXT NOT NULL,
  target_type TEXT NOT NULL,
  target_id TEXT,
  summary TEXT,
  request_id TEXT
);
CREATE INDEX audit_logs_at ON audit_logs(at);
CREATE INDEX audit_logs_org_path ON audit_logs(org_path, at);

CREATE TABLE sms_messages (
  id {{ID}},
  at BIGINT NOT NULL,
  mobile TEXT NOT NULL,
  purpose TEXT NOT NULL,
  content TEXT NOT NULL,
  status TEXT NOT NULL,
  provider TEXT NOT NULL,
  user_id BIGINT,
  org_path TEXT
);
CREATE INDEX sms_messages_mobile ON sms_messages(mobile, at);
CREATE INDEX sms_messages_at ON sms_messages(at);

CREATE TABLE sms_codes (
  id {{ID}},
  user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  purpose TEXT NOT NULL,
  code_hash TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  used_at BIGINT,
  attempts INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX sms_codes_user ON sms_codes(user_id, purpose, created_at);
