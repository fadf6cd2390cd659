#pragma once
// Small helpers every module's routes share.
#include <string>

#include "core/clock.h"
#include "core/form.h"
#include "core/principal.h"
#include "http/router.h"

namespace baoan::modules {

inline core::Actor actor(const http::Ctx& ctx) { return {ctx.user(), ctx.req.remoteIp, ctx.req.requestId}; }

inline core::PageRequest page(const http::Ctx& ctx) { return core::parsePage(ctx.req.q("page"), ctx.req.q("size")); }

inline nlohmann::json pageJson(nlohmann::json items, long long total, const core::PageRequest& p) {
  return {{"items", std::move(items)}, {"total", total}, {"page", p.page}, {"size", p.size}};
}

inline nlohmann::json isoOrNull(const std::optional<long long>& ms) {
  return ms ? nlohmann::json(core::toIso(*ms)) : nlohmann::json(nullptr);
}

// Optional query filters given as dates: from = start of that day, to = end of that day.
std::optional<long long> dayStart(const http::Ctx& ctx, const std::string& key, const std::string& label);
std::optional<long long> dayEnd(const http::Ctx& ctx, const std::string& key, const std::string& label);

}  // namespace baoan::modules
