// Routes of 问题人员 (§9.3): police /flagged-persons, the screening's progress /screening/status, and
// the company portal's /portal/flagged-guards.

#include "modules/registry.h"
#include "modules/route_util.h"
#include "modules/supervision/flagged_service.h"
#include "modules/supervision/screening_service.h"

namespace baoan::modules {

using http::Ctx;
using http::Response;
using nlohmann::json;

namespace {
supervision::FlaggedQuery flaggedQuery(const Ctx& c) {
  supervision::FlaggedQuery q;
  q.name = c.req.q("name");
  q.idNo = c.req.q("idNo");
  q.companyName = c.req.q("companyName");
  q.reason = c.req.q("reason");
  q.state = c.req.q("state");
  q.companyId = c.req.queryId("companyId");
  q.conditions = c.req.target;
  return q;
}
}  // namespace

void registerFlaggedRoutes(http::Router& r, app::Context& ctx, Shared& shared) {
  auto svc = std::make_shared<supervision::FlaggedService>(ctx, std::make_shared<industry::GuardService>(ctx, shared.files));
  auto screening = std::make_shared<supervision::ScreeningService>(ctx, shared.background);
  r.get("/api/v1/screening/status", [screening](Ctx&) { return Response::json(screening->status()); },
        {.permission = "flagged_person:view"});
  r.get("/api/v1/flagged-persons", [svc](Ctx& c) {
    const auto pg = page(c);
    return Response::json(svc->list(c.user(), flaggedQuery(c), pg));
  }, {.permission = "flagged_person:view"});
  r.get("/api/v1/flagged-persons/export", [svc](Ctx& c) { return fileResponse(svc->exportFile(actor(c), flaggedQuery(c))); },
        {.permission = "flagged_person:export"});
  r.post("/api/v1/flagged-persons/opinions/import", [svc](Ctx& c) {
    const auto result = svc->importOpinions(actor(c), c.req.body);
    if (result.errorCount == 0)
      return Response::json({{"imported", result.imported}, {"unchanged", result.unchanged}, {"errors", json::array()}});
    return Response::json({{"imported", 0}, {"unchanged", 0}, {"errors", result.errors}, {"errorCount", result.errorCount}}, 422);
  }, {.permission = "flagged_person:import", .bodyLimit = 20u << 20});
  r.get("/api/v1/flagged-persons/{id}", [svc](Ctx& c) { return Response::json(svc->get(actor(c), c.req.idParam())); },
        {.permission = "flagged_person:view"});
  r.post("/api/v1/flagged-persons/{id}/opinion",
         [svc](Ctx& c) { return Response::json(svc->opinion(actor(c), c.req.idParam(), c.req.json())); },
         {.permission = "flagged_person:update"});

  r.get("/api/v1/portal/flagged-guards", [svc](Ctx& c) {
    const auto pg = page(c);
    return Response::json(svc->portalList(c.user(), pg));
  }, {.permission = "portal:flagged_guard"});
  r.post("/api/v1/portal/flagged-guards/{id}/confirm",
         [svc](Ctx& c) { return Response::json(svc->portalConfirm(actor(c), c.req.idParam(), c.req.json())); },
         {.permission = "portal:flagged_guard"});
}

}  // namespace baoan::modules
