#pragma once
// Every module adds its routes to the router here; the composition root calls registerAll().
#include "app/context.h"
#include "http/router.h"
#include "modules/files/file_service.h"

namespace baoan::auth {
class AuthService;
}

namespace baoan::modules {

// The services one module calls on another's behalf, built once by the composition root and shared
// by every module's routes (a module reaches another only through its service).
struct Shared {
  explicit Shared(app::Context& ctx) : files(ctx) {}
  files::FileService files;
};

void registerHealthRoutes(http::Router& r, app::Context& ctx);
void registerAuthRoutes(http::Router& r, app::Context& ctx, auth::AuthService& auth);
void registerReferenceRoutes(http::Router& r, app::Context& ctx);
void registerOrgRoutes(http::Router& r, app::Context& ctx);
void registerRoleRoutes(http::Router& r, app::Context& ctx);
void registerUserRoutes(http::Router& r, app::Context& ctx);
void registerAuditRoutes(http::Router& r, app::Context& ctx);
void registerIndustryRoutes(http::Router& r, app::Context& ctx, Shared& shared);
void registerFileRoutes(http::Router& r, files::FileService& files);

inline void registerAll(http::Router& r, app::Context& ctx, auth::AuthService& auth, Shared& shared) {
  registerHealthRoutes(r, ctx);
  registerAuthRoutes(r, ctx, auth);
  registerReferenceRoutes(r, ctx);
  registerOrgRoutes(r, ctx);
  registerRoleRoutes(r, ctx);
  registerUserRoutes(r, ctx);
  registerAuditRoutes(r, ctx);
  registerIndustryRoutes(r, ctx, shared);
  registerFileRoutes(r, shared.files);
}

}  // namespace baoan::modules
