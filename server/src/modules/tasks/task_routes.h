#pragma once
// The routes of the tasks module (issue 14). Called by the composition root after registerAll()
// (modules/registry.h); the lead may fold it into registerAll at the merge.
#include "app/context.h"
#include "http/router.h"

namespace baoan::modules {
void registerTaskRoutes(http::Router& r, app::Context& ctx);
}  // namespace baoan::modules
