// Routes of 地图可视化 (manual §7): the map outlines, 一键搜, and the statistics of guards and companies
// the map shades its regions by (stats_routes in stats_service.h's terms).
#include <memory>

#include "core/error.h"
#include "modules/map/geo.h"
#include "modules/map/map_service.h"
#include "modules/registry.h"
#include "modules/route_util.h"

namespace baoan::modules {

using http::Ctx;
using http::Response;

void registerMapRoutes(http::Router& r, app::Context& ctx) {
  auto svc = std::make_shared<map::MapService>(ctx);
  // Any signed-in user: the outlines are public reference data (the portal picks a task's place on the
  // same map). Cached by the browser; revalidated with If-None-Match.
  r.get("/api/v1/geo/{regionCode}", [](Ctx& c) {
    const auto outline = map::geoOutline(c.req.params.at("regionCode"));
    if (!outline) throw notFound("没有该行政区划代码的地图轮廓(regionCode 应为陕西省、其地市或区县的代码)");
    Response res;
    res.headers["ETag"] = outline->etag;
    res.headers["Cache-Control"] = "private, max-age=86400";
    if (c.req.header("if-none-match") == outline->etag) {
      res.status = 304;
      return res;
    }
    res.headers["Content-Type"] = "application/json; charset=utf-8";
    res.body = std::string(outline->json);
    return res;
  });
  r.get("/api/v1/search", [svc](Ctx& c) { return Response::json(svc->search(c.user(), c.req.q("q"), c.req.q("size"))); },
        {.permission = "quick_search:view"});
}

}  // namespace baoan::modules
