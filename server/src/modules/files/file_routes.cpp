// POST /api/v1/files[?accept=image|id_photo] (the raw body is the file, X-File-Name its name) and GET /api/v1/files/{fileId}
// (inline for viewing in the browser; ?download=1 as an attachment).
#include "io/id_photo.h"
#include "modules/export_util.h"
#include "modules/files/file_service.h"
#include "modules/registry.h"
#include "modules/route_util.h"

namespace baoan::modules {

using http::Ctx;
using http::Response;

namespace {
Response fileResponse(const files::StoredFile& f, bool download) {
  Response res;
  res.headers["Content-Type"] = f.info.contentType;
  res.headers["Content-Disposition"] = contentDisposition(download ? "attachment" : "inline", f.info.name);
  res.headers["Cache-Control"] = "private, max-age=86400";
  // The officer's 审批 page shows PDF materials in a frame of the SPA (same origin only).
  res.headers["X-Frame-Options"] = "SAMEORIGIN";
  if (f.path.empty()) res.body = f.bytes;
  else res.filePath = f.path;
  return res;
}
}  // namespace

void registerFileRoutes(http::Router& r, files::FileService& svc) {
  r.post("/api/v1/files", [&svc](Ctx& c) {
    const std::string accept = c.req.q("accept");
    if (!accept.empty() && accept != "image" && accept != "id_photo")
      throw invalidField("accept", "accept 只能是 image(只收 JPG、PNG 图片)或 id_photo(证件照:JPG,358×441 像素,浅色背景)");
    // A 保安员证 photo is checked here, where it was chosen, so that the person hears which rule it fails.
    if (accept == "id_photo" && !c.req.body.empty())
      if (auto problem = io::checkIdPhoto(c.req.body)) throw invalidField("file", *problem);
    const auto f = svc.upload(actor(c), c.req.header("x-file-name"), c.req.body, accept == "image" || accept == "id_photo");
    return Response::created(
        {{"id", f.id}, {"name", f.name}, {"size", f.size}, {"sha256", f.sha256}, {"contentType", f.contentType}},
        "/api/v1/files/" + f.id);
  }, {.bodyLimit = files::kMaxFileBytes + 1});

  r.get("/api/v1/files/{fileId}", [&svc](Ctx& c) {
    return fileResponse(svc.open(c.user(), c.req.params.at("fileId")), c.req.q("download") == "1");
  });
}

}  // namespace baoan::modules
