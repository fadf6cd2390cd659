// Routes of issued licences (§5.1 保安服务许可证, §5.3 保安培训许可证): the officers' list, record (with
// its history), 吊销 / 注销, document and export,
// and the public verification page the QR code opens (HTML) with its JSON twin for the app.
#include "core/error.h"
#include "modules/licences/licence_service.h"
#include "modules/licences/licence_verify_page.h"
#include "modules/registry.h"
#include "modules/route_util.h"

namespace baoan::modules {

using http::Ctx;
using http::Response;

namespace {
licences::LicenceQuery licenceQuery(const Ctx& c) {
  licences::LicenceQuery q;
  q.businessType = c.req.q("businessType");
  q.number = c.req.q("number");
  q.holderName = c.req.q("holderName");
  q.status = c.req.q("status");
  q.issuedFrom = c.req.q("issuedFrom");
  q.issuedTo = c.req.q("issuedTo");
  q.conditions = c.req.target;
  return q;
}

}  // namespace

void registerLicenceRoutes(http::Router& r, const std::shared_ptr<licences::LicenceService>& svc) {
  r.get("/api/v1/licences", [svc](Ctx& c) {
    const auto pg = page(c);
    return Response::json(svc->list(c.user(), licenceQuery(c), pg));
  }, {.permission = "licence:view"});
  r.get("/api/v1/licences/export", [svc](Ctx& c) { return fileResponse(svc->exportFile(actor(c), licenceQuery(c))); },
        {.permission = "licence:export"});
  r.get("/api/v1/licences/{id}", [svc](Ctx& c) { return Response::json(svc->get(c.user(), c.req.idParam())); },
        {.permission = "licence:view"});
  r.post("/api/v1/licences/{id}/revoke", [svc](Ctx& c) { return Response::json(svc->revoke(actor(c), c.req.idParam(), c.req.json())); },
         {.permission = "licence:revoke", .bodyLimit = 8192});
  r.get("/api/v1/licences/{id}/document", [svc](Ctx& c) {
    auto f = svc->document(actor(c), c.req.idParam());
    return pdfResponse(c, std::move(f.bytes), f.fileName);
  }, {.permission = "licence:print", .blocking = true});

  // Public: what the QR code opens (no session), and the same as JSON for the guard app.
  r.get("/verify/licence/{token}", [svc](Ctx& c) {
    return publicPageResponse([&] { return licences::verifyPage(svc->verify(c.req.remoteIp, c.req.params.at("token"))); },
                              licences::verifyErrorPage);
  }, {.isPublic = true});
  r.get("/api/v1/public/licences/verify/{token}", [svc](Ctx& c) {
    const auto v = svc->verify(c.req.remoteIp, c.req.params.at("token"));
    return Response::json({{"number", v.number},
                           {"businessTypeName", v.businessTypeName},
                           {"holderName", v.holderName},
                           {"issuerName", v.issuerName},
                           {"issuedOn", v.issuedOn},
                           {"status", v.status},
                           {"statusName", v.statusName},
                           {"statusDate", v.statusDate.empty() ? nlohmann::json(nullptr) : nlohmann::json(v.statusDate)},
                           {"valid", v.status == "valid"}});
  }, {.isPublic = true});
}

}  // namespace baoan::modules
