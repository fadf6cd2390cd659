#pragma once
// Uploaded files (API.md "upload"): PDF, JPEG and PNG up to 10 MB, the type decided by the bytes and
// not by the name. A file belongs to the record that uses it (a guard's photo; later, the materials
// of an application): whoever may see that record may read the file; before it is used, only its
// uploader. Modules that own files say who may see their records (addOwnerKind) and attach files
// to records inside their own transactions (attach).
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/context.h"
#include "core/principal.h"
#include "io/blob_store.h"
#include "modules/files/file_store.h"

namespace baoan::files {

constexpr std::size_t kMaxFileBytes = 10u << 20;

struct FileInfo {
  std::string id, name, contentType, sha256;
  long long size = 0;
};

// A file to send: from disk (path) or, for a row not yet moved out of the database, its bytes.
struct StoredFile {
  FileInfo info;
  std::string path;
  std::string bytes;
};

// The type of a file from its first bytes: "application/pdf", "image/jpeg", "image/png", or "".
std::string sniffContentType(std::string_view bytes);
// X-File-Name as sent (percent-encoded UTF-8): decoded, path separators and control characters
// replaced, at most 200 characters; "" when nothing usable is left.
std::string decodeFileName(const std::string& header);

class FileService {
 public:
  using CanSee = std::function<bool(db::Conn&, const core::Principal&, long long ownerId)>;
  explicit FileService(app::Context& ctx);

  void addOwnerKind(const std::string& kind, CanSee canSee);
  // imagesOnly (POST /files?accept=image, a photo field): JPEG and PNG only, refused at upload so
  // that the user hears it where the file was chosen and not at the form's save.
  FileInfo upload(const core::Actor& a, const std::string& fileNameHeader, const std::string& bytes, bool imagesOnly = false);
  StoredFile open(const core::Principal& p, const std::string& id);
  // In the caller's transaction: the file must have been uploaded by this principal (or already
  // belong to this very record) and be of one of `types`; it then belongs to the record. Refusals
  // name `field` with `label`.
  void attach(db::Conn& c, const core::Principal& p, const std::string& fileId, const std::string& ownerKind, long long ownerId,
              const std::vector<std::string>& types, const std::string& field, const std::string& label);
  // In the caller's transaction: file id → name of every file a record owns (the caller decided the
  // principal may see the record).
  std::map<std::string, std::string> namesOf(db::Conn& c, const std::string& ownerKind, long long ownerId);
  // The bytes of a stored file for a caller that decided itself who may see them (a 保安员证 prints the
  // holder's photo); nullopt when the file or its content is gone.
  std::optional<std::string> contentOf(const std::string& id);
  // Moves the bytes of rows written before migration 0008 to the blob store (at start).
  void moveLegacyContent();

 private:
  bool canRead(db::Conn& c, const core::Principal& p, const FileRecord& f);
  app::Context& ctx_;
  io::BlobStore blobs_;
  FileStore store_;
  std::map<std::string, CanSee> owners_;
};

}  // namespace baoan::files
