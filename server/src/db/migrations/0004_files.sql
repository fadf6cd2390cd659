-- Uploaded files (API.md: POST /api/v1/files), e.g. guards' photos. Kept in the database, base64
-- encoded, so that every server process sees them and a backup of the database holds them.
CREATE TABLE files (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size BIGINT NOT NULL,
  sha256 TEXT NOT NULL,
  content_b64 TEXT NOT NULL,
  org_path TEXT {{PATH}} NOT NULL,
  created_at BIGINT NOT NULL,
  created_by BIGINT NOT NULL
);
CREATE INDEX files_created_by ON files(created_by, created_at);
