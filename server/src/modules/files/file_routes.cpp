// Uploaded files (API.md "upload"): the raw body is the file, X-File-Name its name. Only images
// (JPEG, PNG) up to 2 MiB for now — the photos of guards. A file is readable by its uploader and by
// officers whose data scope covers the uploader's org.
#include <sodium.h>

#include <cstring>

#include "core/clock.h"
#include "core/error.h"
#include "crypto/crypto.h"
#include "modules/audit/audit_log.h"
#include "modules/export_util.h"
#include "modules/registry.h"
#include "modules/route_util.h"

namespace baoan::modules {

using http::Ctx;
using http::Response;
using nlohmann::json;

namespace {

constexpr std::size_t kMaxFile = 2u << 20;

std::string sniffImage(const std::string& b) {
  if (b.size() > 3 && static_cast<unsigned char>(b[0]) == 0xFF && static_cast<unsigned char>(b[1]) == 0xD8 &&
      static_cast<unsigned char>(b[2]) == 0xFF)
    return "image/jpeg";
  if (b.size() > 8 && b.compare(0, 8, "\x89PNG\r\n\x1a\n") == 0) return "image/png";
  return {};
}

std::string toBase64(const std::string& raw) {
  std::string out(sodium_base64_ENCODED_LEN(raw.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(raw.data()), raw.size(),
                    sodium_base64_VARIANT_ORIGINAL);
  out.resize(std::strlen(out.c_str()));
  return out;
}

std::string fromBase64(const std::string& text) {
  std::string out(text.size(), '\0');
  std::size_t len = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(), nullptr, &len,
                        nullptr, sodium_base64_VARIANT_ORIGINAL) != 0)
    throw std::runtime_error("stored file is not valid base64");
  out.resize(len);
  return out;
}

// X-File-Name may be percent-encoded (browsers cannot send raw UTF-8 in headers reliably).
std::string decodeName(const std::string& raw) {
  std::string out;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] == '%' && i + 2 < raw.size() && std::isxdigit(static_cast<unsigned char>(raw[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(raw[i + 2]))) {
      out += static_cast<char>(std::stoi(raw.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += raw[i];
    }
  }
  for (char& c : out)
    if (c == '/' || c == '\\' || static_cast<unsigned char>(c) < 0x20) c = '_';
  return out.substr(0, 200);
}

}  // namespace

void registerFileRoutes(http::Router& r, app::Context& ctx) {
  r.post("/api/v1/files", [&ctx](Ctx& c) {
    if (c.req.body.empty()) throw invalidField("file", "文件内容不能为空");
    const std::string name = decodeName(c.req.header("x-file-name"));
    if (name.empty()) throw invalidField("name", "缺少文件名(X-File-Name)");
    const std::string type = sniffImage(c.req.body);
    if (type.empty()) throw invalidField("file", "只支持 JPG 或 PNG 格式的图片");
    if (c.req.body.size() > kMaxFile) throw tooLarge("图片不能超过 2 MB");
    const std::string id = crypto::randomToken(16);
    const std::string sha = crypto::sha256Hex(c.req.body);
    std::string orgPath = c.user().orgPath;
    ctx.db.write([&](db::Conn& conn) {
      if (c.user().companyId) {
        // A company's files belong to the org that supervises it.
        orgPath = conn.queryOne(db::Query("SELECT org_path FROM companies WHERE id = ?", c.user().companyId))->str(0);
      }
      conn.exec(db::Query(
          "INSERT INTO files (id, name, content_type, size, sha256, content_b64, org_path, created_at, created_by) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
          id, name, type, static_cast<long long>(c.req.body.size()), sha, toBase64(c.req.body), orgPath, core::nowMs(),
          c.user().userId));
    });
    return Response::created({{"id", id}, {"name", name}, {"size", c.req.body.size()}, {"sha256", sha}, {"contentType", type}},
                             "/api/v1/files/" + id);
  }, {.bodyLimit = kMaxFile + 1});

  r.get("/api/v1/files/{fileId}", [&ctx](Ctx& c) {
    const std::string id = c.req.params.at("fileId");
    auto row = ctx.db.read([&](db::Conn& conn) {
      return conn.queryOne(db::Query("SELECT name, content_type, content_b64, org_path, created_by FROM files WHERE id = ?", id));
    });
    const auto& who = c.user();
    const bool mine = row && row->i64(4) == who.userId;
    const bool inScope = row && who.kind == "officer" && who.scope.coversOrg(row->str(3));
    if (!row || !(mine || inScope)) throw notFound("文件不存在");
    Response res;
    res.headers["Content-Type"] = row->str(1);
    res.headers["Cache-Control"] = "private, max-age=86400";
    res.body = fromBase64(row->str(2));
    return res;
  });
}

}  // namespace baoan::modules
