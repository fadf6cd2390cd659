#pragma once
// 地图可视化 (manual §7): 一键搜 over guards, companies and tasks in the caller's scope, and the map
// outlines. The statistics of §7.2–7.3 are in stats_service.h.
#include <nlohmann/json.hpp>

#include "app/context.h"
#include "core/principal.h"
#include "modules/map/map_store.h"

namespace baoan::map {

class MapService {
 public:
  explicit MapService(app::Context& ctx) : ctx_(ctx) {}
  // {"guards": [...], "companies": [...], "tasks": [...]}, each group best first and at most `size`
  // long; ID numbers and mobiles masked unless the role holds guard:pii (as the registry's list).
  nlohmann::json search(const core::Principal& p, const std::string& q, const std::string& size);

 private:
  app::Context& ctx_;
  MapStore store_;
};

}  // namespace baoan::map
