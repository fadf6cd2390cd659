#pragma once
// Small helpers services share to build the API's documents (API.md): no HTTP here, so that a
// service can use them without depending on the web layer.
#include <optional>

#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "core/form.h"

namespace baoan::modules {

// One page of a list: {"items", "total", "page", "size"}.
inline nlohmann::json pageJson(nlohmann::json items, long long total, const core::PageRequest& p) {
  return {{"items", std::move(items)}, {"total", total}, {"page", p.page}, {"size", p.size}};
}

inline nlohmann::json isoOrNull(const std::optional<long long>& ms) {
  return ms ? nlohmann::json(core::toIso(*ms)) : nlohmann::json(nullptr);
}

inline nlohmann::json textOrNull(std::optional<std::string> s) { return s ? nlohmann::json(std::move(*s)) : nlohmann::json(nullptr); }

}  // namespace baoan::modules
