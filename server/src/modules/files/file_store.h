#pragma once
// SQL of uploaded files: one row per upload, naming its bytes by SHA-256 (io/blob_store.h) and the
// record that uses it.
#include <optional>
#include <string>
#include <vector>

#include "db/db.h"

namespace baoan::files {

struct FileRecord {
  std::string id;  // random 128-bit, hex: both sites of a split deployment agree on it
  std::string name;
  std::string contentType;
  long long size = 0;
  std::string sha256;
  std::optional<std::string> legacyBase64;  // bytes of a row written before migration 0008
  std::string orgPath;                      // the uploader's (or their company's) org
  std::optional<std::string> ownerKind;     // the record that uses the file, e.g. "guard"
  std::optional<long long> ownerId;
  long long createdAt = 0;
  long long createdBy = 0;
};

class FileStore {
 public:
  void insert(db::Conn& c, const FileRecord& f);
  std::optional<FileRecord> find(db::Conn& c, const std::string& id);
  void setOwner(db::Conn& c, const std::string& id, const std::string& ownerKind, long long ownerId);
  // The names of the files a record owns, by id.
  std::vector<std::pair<std::string, std::string>> namesOf(db::Conn& c, const std::string& ownerKind, long long ownerId);
  // Rows whose bytes are still base64 in the database (before migration 0008), a batch at a time.
  std::vector<FileRecord> withLegacyContent(db::Conn& c, int limit);
  // The bytes are in the blob store now, under sha256.
  void dropLegacyContent(db::Conn& c, const std::string& id, const std::string& sha256);
};

}  // namespace baoan::files
