// Routes of 保安员证 (manual §6.3.2–6.3.3): the officers' list and record, 预览 (one card) and 打印 (A4
// sheets), 发放登记, 吊销, and the public verification page the QR code opens (HTML: GET shows the
// public facts, POST with the full ID number also the photo).
#include <memory>

#include "core/error.h"
#include "modules/certificates/certificate_service.h"
#include "modules/certificates/certificate_verify_page.h"
#include "modules/registry.h"
#include "modules/route_util.h"

namespace baoan::modules {

using http::Ctx;
using http::Response;

namespace {
Response verifyResponse(certificates::CertificateService& svc, const Ctx& c, const std::string& typedIdNo) {
  const std::string token = c.req.params.at("token");
  return publicPageResponse(
      [&] { return certificates::verifyPage(svc.verify(c.req.remoteIp, token, typedIdNo), certificates::CertificateService::verifyPath(token)); },
      certificates::verifyErrorPage);
}
}  // namespace

void registerCertificateRoutes(http::Router& r, app::Context& ctx, Shared& shared) {
  auto svc = std::make_shared<certificates::CertificateService>(ctx, shared.files);
  r.get("/api/v1/certificates", [svc](Ctx& c) {
    certificates::CertificateQuery q{c.req.q("name"), c.req.q("idNo"), c.req.q("status"), c.req.q("examId"), c.req.q("hasPhoto")};
    return Response::json(svc->list(c.user(), q, page(c)));
  }, {.permission = "certificate:view"});
  r.get("/api/v1/certificates/{id}", [svc](Ctx& c) { return Response::json(svc->get(actor(c), c.req.idParam())); },
        {.permission = "certificate:view"});
  r.get("/api/v1/certificates/{id}/document", [svc](Ctx& c) {
    auto f = svc->document(actor(c), c.req.idParam());
    return pdfResponse(c, std::move(f.bytes), f.fileName);
  }, {.permission = "certificate:print", .blocking = true});
  r.post("/api/v1/certificates/print", [svc](Ctx& c) {
    auto f = svc->print(actor(c), c.req.json());
    return pdfResponse(c, std::move(f.bytes), f.fileName);
  }, {.permission = "certificate:print", .bodyLimit = 16384, .blocking = true});
  r.post("/api/v1/certificates/{id}/handover", [svc](Ctx& c) { return Response::json(svc->handover(actor(c), c.req.idParam(), c.req.json())); },
         {.permission = "certificate:update", .bodyLimit = 8192});
  r.post("/api/v1/certificates/{id}/revoke", [svc](Ctx& c) { return Response::json(svc->revoke(actor(c), c.req.idParam(), c.req.json())); },
         {.permission = "certificate:revoke", .bodyLimit = 8192});

  // Public: what the QR code opens (no session).
  r.get("/verify/certificate/{token}", [svc](Ctx& c) { return verifyResponse(*svc, c, ""); }, {.isPublic = true});
  r.post("/verify/certificate/{token}", [svc](Ctx& c) { return verifyResponse(*svc, c, c.req.formField("idNo")); },
         {.isPublic = true, .bodyLimit = 1024});
}

}  // namespace baoan::modules
