#include "modules/files/file_store.h"

namespace baoan::files {

using db::Query;

namespace {
// The named queries of this store.
constexpr const char* kSelect =
    "SELECT id, name, content_type, size, sha256, content_b64, org_path, owner_kind, owner_id, created_at, created_by "
    "FROM files ";
constexpr const char* kInsert =
    "INSERT INTO files (id, name, content_type, size, sha256, org_path, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
constexpr const char* kNamesOf = "SELECT id, name FROM files WHERE owner_kind = ? AND owner_id = ?";
constexpr const char* kSetOwner = "UPDATE files SET owner_kind = ?, owner_id = ? WHERE id = ?";
constexpr const char* kDropLegacy = "UPDATE files SET content_b64 = NULL, sha256 = ? WHERE id = ?";

FileRecord toRecord(const db::Row& r) {
  FileRecord f;
  f.id = r.str("id");
  f.name = r.str("name");
  f.contentType = r.str("content_type");
  f.size = r.i64("size");
  f.sha256 = r.str("sha256");
  f.legacyBase64 = r.optStr("content_b64");
  f.orgPath = r.str("org_path");
  f.ownerKind = r.optStr("owner_kind");
  f.ownerId = r.optI64("owner_id");
  f.createdAt = r.i64("created_at");
  f.createdBy = r.i64("created_by");
  return f;
}
}  // namespace

void FileStore::insert(db::Conn& c, const FileRecord& f) {
  c.exec(Query(kInsert, f.id, f.name, f.contentType, f.size, f.sha256, f.orgPath, f.createdAt, f.createdBy));
}

std::vector<std::pair<std::string, std::string>> FileStore::namesOf(db::Conn& c, const std::string& ownerKind, long long ownerId) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& r : c.query(db::Query(kNamesOf, ownerKind, ownerId))) out.emplace_back(r.str("id"), r.str("name"));
  return out;
}

std::optional<FileRecord> FileStore::find(db::Conn& c, const std::string& id) {
  auto r = c.queryOne(Query(std::string(kSelect) + "WHERE id = ?", id));
  if (!r) return std::nullopt;
  return toRecord(*r);
}

void FileStore::setOwner(db::Conn& c, const std::string& id, const std::string& ownerKind, long long ownerId) {
  c.exec(Query(kSetOwner, ownerKind, ownerId, id));
}

std::vector<FileRecord> FileStore::withLegacyContent(db::Conn& c, int limit) {
  std::vector<FileRecord> out;
  for (const auto& r : c.query(Query(std::string(kSelect) + "WHERE content_b64 IS NOT NULL LIMIT ?", limit)))
    out.push_back(toRecord(r));
  return out;
}

void FileStore::dropLegacyContent(db::Conn& c, const std::string& id, const std::string& sha256) {
  c.exec(Query(kDropLegacy, sha256, id));
}

}  // namespace baoan::files
