#pragma once
// Every module adds its routes to the router here; the composition root calls registerAll().
#include "app/context.h"
#include "http/router.h"

namespace baoan::auth {
class AuthService;
}

namespace baoan::modules {

void registerHealthRoutes(http::Router& r, app::Context& ctx);
void registerAuthRoutes(http::Router& r, app::Context& ctx, auth::AuthService& auth);
void registerReferenceRoutes(http::Router& r, app::Context& ctx);
void registerOrgRoutes(http::Router& r, app::Context& ctx);
void registerRoleRoutes(http::Router& r, app::Context& ctx);
void registerUserRoutes(http::Router& r, app::Context& ctx);
void registerAuditRoutes(http::Router& r, app::Context& ctx);
void registerIndustryRoutes(http::Router& r, app::Context& ctx);
void registerFileRoutes(http::Router& r, app::Context& ctx);

inline void registerAll(http::Router& r, app::Context& ctx, auth::AuthService& auth) {
  registerHealthRoutes(r, ctx);
  registerAuthRoutes(r, ctx, auth);
  registerReferenceRoutes(r, ctx);
  registerOrgRoutes(r, ctx);
  registerRoleRoutes(r, ctx);
  registerUserRoutes(r, ctx);
  registerAuditRoutes(r, ctx);
  registerIndustryRoutes(r, ctx);
  registerFileRoutes(r, ctx);
}

}  // namespace baoan::modules
