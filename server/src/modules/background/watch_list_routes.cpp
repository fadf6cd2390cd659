// Routes of 名单管理 (the watch list of the local background-check provider).
#include "modules/background/watch_list_service.h"
#include "modules/registry.h"
#include "modules/route_util.h"

namespace baoan::modules {

using http::Ctx;
using http::Response;
using nlohmann::json;

namespace {
background::WatchQuery watchQuery(const Ctx& c) {
  background::WatchQuery q;
  q.idNo = c.req.q("idNo");
  q.name = c.req.q("name");
  q.database = c.req.q("database");
  q.conditions = c.req.target;
  return q;
}
}  // namespace

void registerWatchListRoutes(http::Router& r, app::Context& ctx) {
  auto svc = std::make_shared<background::WatchListService>(ctx);
  r.get("/api/v1/watch-list", [svc](Ctx& c) {
    const auto pg = page(c);
    return Response::json(svc->list(c.user(), watchQuery(c), pg));
  }, {.permission = "watch_list:view"});
  r.get("/api/v1/watch-list/databases", [svc](Ctx&) { return Response::json(svc->databases()); },
        {.permission = "watch_list:view"});
  r.get("/api/v1/watch-list/export", [svc](Ctx& c) { return fileResponse(svc->exportFile(actor(c), watchQuery(c))); },
        {.permission = "watch_list:export"});
  r.get("/api/v1/watch-list/import-template", [svc](Ctx&) { return fileResponse(svc->importTemplate()); },
        {.permission = "watch_list:import"});
  r.post("/api/v1/watch-list/import", [svc](Ctx& c) {
    const auto result = svc->importXlsx(actor(c), c.req.body);
    if (result.errorCount == 0) return Response::json({{"imported", result.imported}, {"errors", json::array()}});
    return Response::json({{"imported", 0}, {"errors", result.errors}, {"errorCount", result.errorCount}}, 422);
  }, {.permission = "watch_list:import", .bodyLimit = 20u << 20});
  r.get("/api/v1/watch-list/{id}", [svc](Ctx& c) { return Response::json(svc->get(actor(c), c.req.idParam())); },
        {.permission = "watch_list:view"});
  r.post("/api/v1/watch-list", [svc](Ctx& c) {
    auto j = svc->create(actor(c), c.req.json());
    return Response::created(j, "/api/v1/watch-list/" + std::to_string(j["id"].get<long long>()));
  }, {.permission = "watch_list:create"});
  r.put("/api/v1/watch-list/{id}", [svc](Ctx& c) { return Response::json(svc->update(actor(c), c.req.idParam(), c.req.json())); },
        {.permission = "watch_list:update"});
  r.del("/api/v1/watch-list/{id}", [svc](Ctx& c) {
    svc->remove(actor(c), c.req.idParam());
    return Response::noContent();
  }, {.permission = "watch_list:delete"});
}

}  // namespace baoan::modules
