-- Uploaded files move out of the database (0004 kept them base64 in content_b64): their bytes live
-- under the data directory by SHA-256 (io/blob_store.h) and the row holds the hash. content_b64 stays
-- for rows written before this migration until the server moves them at start (files service).
-- A file belongs to the record that uses it (owner_kind/owner_id, e.g. a guard's photo): whoever may
-- see that record may read it; before that, only its uploader.
CREATE TABLE files_v2 (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size BIGINT NOT NULL,
  sha256 TEXT NOT NULL,
  content_b64 TEXT,
  org_path TEXT {{PATH}} NOT NULL,
  owner_kind TEXT,
  owner_id BIGINT,
  created_at BIGINT NOT NULL,
  created_by BIGINT NOT NULL
);
INSERT INTO files_v2 (id, name, content_type, size, sha256, content_b64, org_path, created_at, created_by)
  SELECT id, name, content_type, size, sha256, content_b64, org_path, created_at, created_by FROM files;
DROP TABLE files;
ALTER TABLE files_v2 RENAME TO files;
CREATE INDEX files_created_by ON files(created_by, created_at);
CREATE INDEX files_owner ON files(owner_kind, owner_id);
-- Photos already used by guards belong to those guards.
UPDATE files SET owner_kind = 'guard', owner_id = (SELECT MIN(g.id) FROM guards g WHERE g.photo_file_id = files.id)
  WHERE id IN (SELECT photo_file_id FROM guards WHERE photo_file_id IS NOT NULL);
