#include "modules/registry.h"
#include "modules/route_util.h"
#include "modules/system/org_service.h"

namespace baoan::modules {

using http::Ctx;
using http::Response;

void registerOrgRoutes(http::Router& r, app::Context& ctx) {
  auto svc = std::make_shared<system::OrgService>(ctx);
  // Every page with the org tree on the left needs it, so any signed-in user may read the part of
  // the tree inside their own data scope (org:view guards the org management page and its list).
  r.get("/api/v1/orgs/tree", [svc](Ctx& c) { return Response::json(svc->tree(c.user())); });
  r.get("/api/v1/orgs", [svc](Ctx& c) {
    const long long parentId = c.req.queryId("parentId").value_or(c.user().orgId);
    return Response::json(svc->list(c.user(), parentId, c.req.q("name"), page(c)));
  }, {.permission = "org:view"});
  r.get("/api/v1/orgs/{id}", [svc](Ctx& c) { return Response::json(svc->get(c.user(), c.req.idParam())); },
        {.permission = "org:view"});
  r.post("/api/v1/orgs", [svc](Ctx& c) {
    auto j = svc->create(actor(c), c.req.json());
    return Response::created(j, "/api/v1/orgs/" + std::to_string(j["id"].get<long long>()));
  }, {.permission = "org:create"});
  r.put("/api/v1/orgs/{id}", [svc](Ctx& c) { return Response::json(svc->update(actor(c), c.req.idParam(), c.req.json())); },
        {.permission = "org:update"});
  r.del("/api/v1/orgs/{id}", [svc](Ctx& c) {
    svc->remove(actor(c), c.req.idParam());
    return Response::noContent();
  }, {.permission = "org:delete"});
}

}  // namespace baoan::modules
