#pragma once
// Bytes of uploaded files, stored under the data directory by their SHA-256
// (<dataDir>/files/ab/cd/<sha256>, files 0600): the same content is kept once, a row in the
// database names it by hash, and serving a file is sending a file from disk. Files are written to a
// private work file first and renamed into place, so a reader never sees half a file.
//
// Why not a BLOB column: a case carries many 10 MB PDFs; in the database they would make every
// backup, VACUUM and replica carry them, and SQLite would hold them in its page cache. On a scale-out
// deployment <dataDir>/files is shared storage (NFS) like the database.
#include <string>
#include <string_view>

namespace baoan::io {

class BlobStore {
 public:
  // Uses <dataDir>/files (its folders are made, 0700, when the first file is stored).
  explicit BlobStore(std::string dataDir);
  // Stores the bytes (once per content); returns their SHA-256 in hex.
  std::string put(std::string_view bytes) const;
  // The path of stored content, or "" when it is not there.
  std::string find(const std::string& sha256Hex) const;

 private:
  std::string pathOf(const std::string& sha256Hex) const;
  std::string root_;
};

}  // namespace baoan::io
