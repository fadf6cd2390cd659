// Routes of tasks (issue 14): the company portal's 任务管理 and 紧急任务 (/portal/tasks,
// /portal/emergency-tasks), the police's 任务中心 (/tasks), 任务统计 (/stats/tasks) and 紧急任务
// (/emergency-tasks).
#include "modules/registry.h"
#include "modules/route_util.h"
#include "modules/tasks/task_service.h"

namespace baoan::modules {

using http::Ctx;
using http::Response;

namespace {
tasks::TaskQuery taskQuery(const Ctx& c) {
  tasks::TaskQuery q;
  q.regionCode = c.req.q("regionCode");
  q.type = c.req.q("type");
  q.status = c.req.q("status");
  q.month = c.req.q("month");
  q.companyId = c.req.q("companyId");
  q.name = c.req.q("name");
  return q;
}

Response created(const nlohmann::json& j, const std::string& base) {
  return Response::created(j, base + std::to_string(j["id"].get<long long>()));
}
}  // namespace

void registerTaskRoutes(http::Router& r, app::Context& ctx) {
  auto svc = std::make_shared<tasks::TaskService>(ctx);
  // Portal: the company's own service tasks.
  r.get("/api/v1/portal/tasks", [svc](Ctx& c) { return Response::json(svc->portalList(c.user(), taskQuery(c), page(c))); },
        {.permission = "portal:task"});
  r.post("/api/v1/portal/tasks", [svc](Ctx& c) { return created(svc->portalCreate(actor(c), c.req.json()), "/api/v1/portal/tasks/"); },
         {.permission = "portal:task", .bodyLimit = 65536});
  r.get("/api/v1/portal/tasks/{id}", [svc](Ctx& c) { return Response::json(svc->portalGet(c.user(), c.req.idParam())); },
        {.permission = "portal:task"});
  r.put("/api/v1/portal/tasks/{id}", [svc](Ctx& c) { return Response::json(svc->portalUpdate(actor(c), c.req.idParam(), c.req.json())); },
        {.permission = "portal:task", .bodyLimit = 65536});
  r.post("/api/v1/portal/tasks/{id}/cancel", [svc](Ctx& c) { return Response::json(svc->portalCancel(actor(c), c.req.idParam())); },
         {.permission = "portal:task", .bodyLimit = 4096});

  // Police: 任务中心 and 任务统计, in the caller's scope.
  r.get("/api/v1/tasks", [svc](Ctx& c) { return Response::json(svc->list(c.user(), taskQuery(c), page(c))); },
        {.permission = "task_center:view"});
  r.get("/api/v1/tasks/export", [svc](Ctx& c) { return fileResponse(svc->exportFile(actor(c), taskQuery(c), c.req.target)); },
        {.permission = "task_center:export"});
  r.get("/api/v1/tasks/{id}", [svc](Ctx& c) { return Response::json(svc->get(c.user(), c.req.idParam())); },
        {.permission = "task_center:view"});
  r.get("/api/v1/stats/tasks", [svc](Ctx& c) { return Response::json(svc->stats(c.user(), c.req.q("groupBy"), taskQuery(c))); },
        {.permission = "task_center:view"});

  // Police: 紧急任务.
  r.get("/api/v1/emergency-tasks", [svc](Ctx& c) {
    return Response::json(svc->emergencyList(c.user(), c.req.q("title"), c.req.q("status"), page(c)));
  }, {.permission = "emergency_task:view"});
  r.get("/api/v1/emergency-tasks/reach", [svc](Ctx& c) {
    return Response::json(svc->reach(c.user(), c.req.q("lng"), c.req.q("lat"), c.req.q("radiusKm")));
  }, {.permission = "emergency_task:create"});
  r.post("/api/v1/emergency-tasks", [svc](Ctx& c) { return created(svc->createEmergency(actor(c), c.req.json()), "/api/v1/emergency-tasks/"); },
         {.permission = "emergency_task:create", .bodyLimit = 65536});
  r.get("/api/v1/emergency-tasks/{id}", [svc](Ctx& c) { return Response::json(svc->emergencyGet(c.user(), c.req.idParam())); },
        {.permission = "emergency_task:view"});
  r.get("/api/v1/emergency-tasks/{id}/nearby-guards", [svc](Ctx& c) {
    return Response::json(svc->nearbyGuards(c.user(), c.req.idParam(), c.req.q("km")));
  }, {.permission = "emergency_task:view"});
  r.post("/api/v1/emergency-tasks/{id}/end", [svc](Ctx& c) { return Response::json(svc->endEmergency(actor(c), c.req.idParam(), c.req.json())); },
         {.permission = "emergency_task:end", .bodyLimit = 16384});

  // Portal: the emergency tasks the company was asked to.
  r.get("/api/v1/portal/emergency-tasks", [svc](Ctx& c) { return Response::json(svc->portalEmergencyList(c.user(), page(c))); },
        {.permission = "portal:emergency_task"});
  r.get("/api/v1/portal/emergency-tasks/{id}", [svc](Ctx& c) { return Response::json(svc->portalEmergencyGet(c.user(), c.req.idParam())); },
        {.permission = "portal:emergency_task"});
  r.post("/api/v1/portal/emergency-tasks/{id}/response", [svc](Ctx& c) {
    return Response::json(svc->respond(actor(c), c.req.idParam(), c.req.json()));
  }, {.permission = "portal:emergency_task", .bodyLimit = 65536});
  r.post("/api/v1/portal/emergency-tasks/{id}/check-ins", [svc](Ctx& c) {
    return Response::json(svc->checkIn(actor(c), c.req.idParam(), c.req.json()));
  }, {.permission = "portal:emergency_task", .bodyLimit = 4096});
}

}  // namespace baoan::modules
