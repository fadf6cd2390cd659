// Routes of good deeds: police side (/good-deeds) and company portal side (/portal/good-deeds).
#include "modules/industry/industry.h"
#include "modules/route_util.h"

namespace baoan::modules {

using http::Ctx;
using http::Response;

namespace {
industry::DeedQuery deedQuery(const Ctx& c) {
  industry::DeedQuery q;
  q.guardName = c.req.q("guardName");
  q.idNo = c.req.q("idNo");
  q.mobile = c.req.q("mobile");
  q.companyName = c.req.q("companyName");
  q.conditions = c.req.target;
  return q;
}
}  // namespace

void registerGoodDeedRoutes(http::Router& r, const std::shared_ptr<industry::GoodDeedService>& deeds) {
  r.get("/api/v1/good-deeds", [deeds](Ctx& c) {
    const auto pg = page(c);
    auto q = deedQuery(c);
    q.orgId = c.req.queryId("orgId");
    return Response::json(deeds->list(c.user(), q, pg));
  }, {.permission = "good_deed:view"});
  r.get("/api/v1/good-deeds/export", [deeds](Ctx& c) {
    auto q = deedQuery(c);
    q.orgId = c.req.queryId("orgId");
    return fileResponse(deeds->exportFile(actor(c), q));
  }, {.permission = "good_deed:export"});
  r.get("/api/v1/good-deeds/{id}", [deeds](Ctx& c) { return Response::json(deeds->get(c.user(), c.req.idParam())); },
        {.permission = "good_deed:view"});

  r.get("/api/v1/portal/good-deeds", [deeds](Ctx& c) {
    const auto pg = page(c);
    return Response::json(deeds->portalList(c.user(), deedQuery(c), pg));
  }, {.permission = "portal:good_deed"});
  r.get("/api/v1/portal/good-deeds/{id}", [deeds](Ctx& c) { return Response::json(deeds->portalGet(c.user(), c.req.idParam())); },
        {.permission = "portal:good_deed"});
  r.post("/api/v1/portal/good-deeds", [deeds](Ctx& c) {
    auto j = deeds->create(actor(c), c.req.json());
    return Response::created(j, "/api/v1/portal/good-deeds/" + std::to_string(j["id"].get<long long>()));
  }, {.permission = "portal:good_deed"});
  r.put("/api/v1/portal/good-deeds/{id}", [deeds](Ctx& c) { return Response::json(deeds->update(actor(c), c.req.idParam(), c.req.json())); },
        {.permission = "portal:good_deed"});
}

}  // namespace baoan::modules
