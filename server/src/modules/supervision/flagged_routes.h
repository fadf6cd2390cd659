#pragma once
// The routes of §9.3 问题人员 and GET /api/v1/screening/status (flagged_routes.cpp).
#include "app/context.h"
#include "http/router.h"

namespace baoan::modules {

struct Shared;
void registerFlaggedRoutes(http::Router& r, app::Context& ctx, Shared& shared);

}  // namespace baoan::modules
