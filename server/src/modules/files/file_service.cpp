#include "modules/files/file_service.h"

#include <fstream>
#include <iterator>

#include <sodium.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstring>

#include "core/clock.h"
#include "core/error.h"
#include "core/validation.h"
#include "crypto/crypto.h"
#include "modules/audit/audit_log.h"

namespace baoan::files {

namespace {
bool startsWith(std::string_view b, std::string_view magic) { return b.size() >= magic.size() && b.substr(0, magic.size()) == magic; }

std::string typeName(const std::string& contentType) {
  if (contentType == "application/pdf") return "PDF";
  if (contentType == "image/jpeg") return "JPG";
  if (contentType == "image/png") return "PNG";
  return contentType;
}

std::string typeList(const std::vector<std::string>& types) {
  std::string out;
  for (const auto& t : types) out += (out.empty() ? "" : "、") + typeName(t);
  return out;
}

FileInfo infoOf(const FileRecord& f) { return {f.id, f.name, f.contentType, f.sha256, f.size}; }

std::string fromBase64(const std::string& text) {
  std::string out(text.size(), '\0');
  std::size_t len = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(), nullptr, &len,
                        nullptr, sodium_base64_VARIANT_ORIGINAL) != 0)
    throw std::runtime_error("stored file is not valid base64");
  out.resize(len);
  return out;
}
}  // namespace

std::string sniffContentType(std::string_view b) {
  if (startsWith(b, "%PDF-")) return "application/pdf";
  if (startsWith(b, "\xFF\xD8\xFF")) return "image/jpeg";
  if (startsWith(b, std::string_view("\x89PNG\r\n\x1a\n", 8))) return "image/png";
  return {};
}

std::string decodeFileName(const std::string& raw) {
  auto hex = [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; };
  std::string out;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] == '%' && i + 2 < raw.size() && hex(raw[i + 1]) && hex(raw[i + 2])) {
      out += static_cast<char>(std::stoi(raw.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += raw[i];
    }
  }
  for (char& c : out)
    if (c == '/' || c == '\\' || static_cast<unsigned char>(c) < 0x20 || c == 0x7F) c = '_';
  out = core::trim(out);
  // At most 200 characters, cut at a character boundary.
  std::size_t chars = 0, i = 0;
  for (; i < out.size() && chars < 200; ++i)
    if ((static_cast<unsigned char>(out[i]) & 0xC0) != 0x80) ++chars;
  while (i < out.size() && (static_cast<unsigned char>(out[i]) & 0xC0) == 0x80) ++i;
  return out.substr(0, i);
}

FileService::FileService(app::Context& ctx) : ctx_(ctx), blobs_(app::effectiveDataDir(ctx.config)) {}

void FileService::addOwnerKind(const std::string& kind, CanSee canSee) { owners_[kind] = std::move(canSee); }

FileInfo FileService::upload(const core::Actor& a, const std::string& fileNameHeader, const std::string& bytes,
                              bool imagesOnly) {
  if (bytes.empty()) throw invalidField("file", "文件内容不能为空");
  const std::string name = decodeFileName(fileNameHeader);
  if (name.empty()) throw invalidField("name", "缺少文件名(X-File-Name)");
  if (bytes.size() > kMaxFileBytes) throw tooLarge("文件不能超过 10 MB");
  const std::string type = sniffContentType(bytes);
  if (type.empty()) {
    const bool program = startsWith(bytes, "MZ") || startsWith(bytes, "\x7F" "ELF");
    if (imagesOnly && !program)
      throw invalidField("file", "只支持 JPG 或 PNG 格式的图片,文件「" + name + "」不是(按文件内容判断,与扩展名无关)");
    throw invalidField("file", program ? "文件「" + name + "」的内容是可执行程序,不能上传;只支持 PDF、JPG、PNG 格式的文件"
                                       : "文件「" + name + "」不是 PDF、JPG 或 PNG 格式(按文件内容判断,与扩展名无关)");
  }
  if (imagesOnly && type == "application/pdf")
    throw invalidField("file", "只支持 JPG 或 PNG 格式的图片,文件「" + name + "」是 PDF");
  FileRecord f;
  f.id = crypto::randomToken(16);
  f.name = name;
  f.contentType = type;
  f.size = static_cast<long long>(bytes.size());
  f.sha256 = blobs_.put(bytes);  // before the row: a row always names bytes that are there
  f.createdAt = core::nowMs();
  f.createdBy = a.who.userId;
  f.orgPath = a.who.orgPath;
  ctx_.db.write([&](db::Conn& c) { store_.insert(c, f); });
  return infoOf(f);
}

bool FileService::canRead(db::Conn& c, const core::Principal& p, const FileRecord& f) {
  if (f.createdBy == p.userId) return true;
  if (!f.ownerKind || !f.ownerId) return false;
  auto it = owners_.find(*f.ownerKind);
  return it != owners_.end() && it->second(c, p, *f.ownerId);
}

StoredFile FileService::open(const core::Principal& p, const std::string& id) {
  return ctx_.db.read([&](db::Conn& c) {
    auto f = store_.find(c, id);
    if (!f || !canRead(c, p, *f)) throw notFound("文件不存在");
    StoredFile out{infoOf(*f), {}, {}};
    if (f->legacyBase64) {
      out.bytes = fromBase64(*f->legacyBase64);
    } else {
      out.path = blobs_.find(f->sha256);
      if (out.path.empty()) {
        spdlog::error("file {} ({}) has no content at its hash {}", f->id, f->name, f->sha256);
        throw notFound("文件内容已丢失,请重新上传");
      }
    }
    return out;
  });
}

std::optional<std::string> FileService::contentOf(const std::string& id) {
  auto f = ctx_.db.read([&](db::Conn& c) { return store_.find(c, id); });
  if (!f) return std::nullopt;
  if (f->legacyBase64) return fromBase64(*f->legacyBase64);
  const std::string path = blobs_.find(f->sha256);
  if (path.empty()) return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void FileService::attach(db::Conn& c, const core::Principal& p, const std::string& fileId, const std::string& ownerKind,
                         long long ownerId, const std::vector<std::string>& types, const std::string& field,
                         const std::string& label) {
  auto f = store_.find(c, fileId);
  const bool alreadyHere = f && f->ownerKind == ownerKind && f->ownerId == ownerId;
  // Only one's own upload, not yet used by another record: a file id seen elsewhere cannot be
  // re-attached to gain access to it.
  if (!f || (!alreadyHere && (f->createdBy != p.userId || f->ownerKind)))
    throw invalidField(field, label + "不存在,请重新上传");
  if (std::find(types.begin(), types.end(), f->contentType) == types.end())
    throw invalidField(field, label + "只能是 " + typeList(types) + " 格式");
  if (!alreadyHere) store_.setOwner(c, fileId, ownerKind, ownerId);
}

void FileService::moveLegacyContent() {
  for (;;) {
    auto batch = ctx_.db.read([&](db::Conn& c) { return store_.withLegacyContent(c, 50); });
    if (batch.empty()) return;
    for (const auto& f : batch) {
      const std::string sha = blobs_.put(fromBase64(*f.legacyBase64));
      if (sha != f.sha256) spdlog::warn("file {}: stored hash {} differs from its content's {}", f.id, f.sha256, sha);
      ctx_.db.write([&](db::Conn& c) { store_.dropLegacyContent(c, f.id, sha); });
    }
    spdlog::info("moved {} uploaded file(s) out of the database", batch.size());
  }
}

std::map<std::string, std::string> FileService::namesOf(db::Conn& c, const std::string& ownerKind, long long ownerId) {
  std::map<std::string, std::string> out;
  for (auto& [id, name] : store_.namesOf(c, ownerKind, ownerId)) out.emplace(std::move(id), std::move(name));
  return out;
}

}  // namespace baoan::files
