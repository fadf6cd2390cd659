-- Issued licences (§5.1 保安服务许可证, later 保安培训许可证): written once when the final 同意 grants
-- an application (or by the demo seed), then only their status changes (有效 → 注销 / 吊销).
-- number: unique, "<省简称>公保服<year><5 digits>" (modules/licences/licence_number.h);
-- verify_token: the random key of the public verification page the QR code opens;
-- org_path: the holder's supervising org, for the data scope.
CREATE TABLE licences (
  id {{ID}},
  number TEXT NOT NULL,
  business_type TEXT NOT NULL,
  application_id BIGINT,
  holder_kind TEXT,
  holder_id BIGINT,
  holder_name TEXT NOT NULL,
  legal_name TEXT NOT NULL,
  address TEXT NOT NULL,
  reg_capital BIGINT,
  service_scope TEXT NOT NULL,
  issuer_org_id BIGINT NOT NULL REFERENCES orgs(id),
  issuer_name TEXT NOT NULL,
  issued_on TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'valid',
  status_changed_at BIGINT,
  verify_token TEXT NOT NULL,
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  org_path TEXT {{PATH}} NOT NULL,
  created_at BIGINT NOT NULL,
  created_by BIGINT
);
CREATE UNIQUE INDEX licences_number ON licences(number);
CREATE UNIQUE INDEX licences_verify_token ON licences(verify_token);
CREATE INDEX licences_org_path ON licences(business_type, org_path, id);
CREATE INDEX licences_holder ON licences(holder_kind, holder_id);
CREATE INDEX licences_application ON licences(application_id);

-- The last number given per prefix and year: one row, incremented inside the issuing transaction
-- (INSERT … ON CONFLICT DO UPDATE … RETURNING locks the row on PostgreSQL; SQLite has one writer).
CREATE TABLE licence_sequences (
  prefix TEXT NOT NULL,
  year INTEGER NOT NULL,
  last_value BIGINT NOT NULL,
  PRIMARY KEY (prefix, year)
);
