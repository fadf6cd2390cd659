#include "modules/route_util.h"

namespace baoan::modules {

namespace {
std::optional<long long> parseDay(const http::Ctx& ctx, const std::string& key, const std::string& label) {
  const std::string v = ctx.req.q(key);
  if (v.empty()) return std::nullopt;
  auto t = core::parseTime(v);
  if (!t) throw invalidField(key, label + "格式错误,应为 YYYY-MM-DD");
  return t;
}
}  // namespace

http::Response fileResponse(const ExportFile& f) {
  http::Response r;
  r.filePath = f.path;
  r.deleteFileAfter = true;
  r.headers["Content-Type"] = f.contentType;
  r.headers["Content-Disposition"] = attachmentHeader(f.fileName);
  return r;
}

std::optional<long long> dayStart(const http::Ctx& ctx, const std::string& key, const std::string& label) {
  return parseDay(ctx, key, label);
}

std::optional<long long> dayEnd(const http::Ctx& ctx, const std::string& key, const std::string& label) {
  auto t = parseDay(ctx, key, label);
  if (t && ctx.req.q(key).size() == 10) *t += 24LL * 3600 * 1000 - 1;
  return t;
}

http::Response publicPageResponse(const std::function<std::string()>& render,
                                  const std::function<std::string(const std::string&)>& errorPage) {
  http::Response r;
  r.headers["Content-Type"] = "text/html; charset=utf-8";
  r.headers["Cache-Control"] = "no-store";
  try {
    r.body = render();
  } catch (const AppError& e) {
    if (e.status != 404) throw;
    r.status = 404;
    r.body = errorPage(e.what());
  }
  return r;
}

http::Response pdfResponse(const http::Ctx& ctx, std::string bytes, const std::string& utf8Name) {
  http::Response res;
  res.headers["Content-Type"] = "application/pdf";
  res.headers["Content-Disposition"] = contentDisposition(ctx.req.q("download") == "1" ? "attachment" : "inline", utf8Name);
  res.body = std::move(bytes);
  return res;
}

}  // namespace baoan::modules
