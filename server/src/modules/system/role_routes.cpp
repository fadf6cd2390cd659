#include "modules/registry.h"
#include "modules/route_util.h"
#include "modules/system/role_service.h"

namespace baoan::modules {

using http::Ctx;
using http::Response;

namespace {
// ?orgId=… as an id, the caller's own org when absent.
long long orgParam(Ctx& c) { return c.req.queryId("orgId").value_or(c.user().orgId); }
}  // namespace

void registerRoleRoutes(http::Router& r, app::Context& ctx) {
  auto svc = std::make_shared<system::RoleService>(ctx);
  r.get("/api/v1/roles", [svc](Ctx& c) { return Response::json(svc->list(c.user(), orgParam(c), c.req.q("name"), page(c))); },
        {.permission = "role:view"});
  // Needed by the user form, so it takes the user module's permission.
  r.get("/api/v1/roles/assignable", [svc](Ctx& c) { return Response::json(svc->assignable(c.user(), orgParam(c))); },
        {.permission = "user:view"});
  r.get("/api/v1/roles/{id}", [svc](Ctx& c) { return Response::json(svc->get(c.user(), c.req.idParam())); },
        {.permission = "role:view"});
  r.post("/api/v1/roles", [svc](Ctx& c) {
    auto j = svc->create(actor(c), c.req.json());
    return Response::created(j, "/api/v1/roles/" + std::to_string(j["id"].get<long long>()));
  }, {.permission = "role:create"});
  r.put("/api/v1/roles/{id}", [svc](Ctx& c) { return Response::json(svc->update(actor(c), c.req.idParam(), c.req.json())); },
        {.permission = "role:update"});
  r.del("/api/v1/roles/{id}", [svc](Ctx& c) {
    svc->remove(actor(c), c.req.idParam());
    return Response::noContent();
  }, {.permission = "role:delete"});
}

}  // namespace baoan::modules
