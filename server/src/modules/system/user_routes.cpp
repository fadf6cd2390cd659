#include "modules/registry.h"
#include "modules/route_util.h"
#include "modules/system/user_service.h"

namespace baoan::modules {

using http::Ctx;
using http::Response;

void registerUserRoutes(http::Router& r, app::Context& ctx, Shared& shared) {
  (void)ctx;
  system::UserService* svc = &shared.users;
  r.get("/api/v1/users", [svc](Ctx& c) {
    system::UserFilter f;
    f.orgId = c.req.queryId("orgId").value_or(c.user().orgId);
    f.includeChildren = c.req.q("includeChildren") != "false";
    f.name = c.req.q("name");
    f.account = c.req.q("account");
    f.mobile = c.req.q("mobile");
    return Response::json(svc->list(c.user(), f, page(c)));
  }, {.permission = "user:view"});
  r.get("/api/v1/users/{id}", [svc](Ctx& c) { return Response::json(svc->get(actor(c), c.req.idParam())); },
        {.permission = "user:view"});
  r.post("/api/v1/users", [svc](Ctx& c) {
    auto j = svc->create(actor(c), c.req.json());
    return Response::created(j, "/api/v1/users/" + std::to_string(j["id"].get<long long>()));
  }, {.permission = "user:create"});
  r.put("/api/v1/users/{id}", [svc](Ctx& c) { return Response::json(svc->update(actor(c), c.req.idParam(), c.req.json())); },
        {.permission = "user:update"});
  r.post("/api/v1/users/{id}/reset-password",
         [svc](Ctx& c) { return Response::json(svc->resetPassword(actor(c), c.req.idParam())); },
         {.permission = "user:reset_password"});
  r.post("/api/v1/users/{id}/enable", [svc](Ctx& c) { return Response::json(svc->setEnabled(actor(c), c.req.idParam(), true)); },
         {.permission = "user:update"});
  r.post("/api/v1/users/{id}/disable",
         [svc](Ctx& c) { return Response::json(svc->setEnabled(actor(c), c.req.idParam(), false)); },
         {.permission = "user:update"});
  r.post("/api/v1/users/{id}/unlock", [svc](Ctx& c) { return Response::json(svc->unlock(actor(c), c.req.idParam())); },
         {.permission = "user:update"});
}

}  // namespace baoan::modules
