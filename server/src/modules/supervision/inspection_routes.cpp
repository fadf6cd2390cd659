// Routes of 监督检查 (§9.1): police side (/inspections, /inspection-items) and the unit's portal
// (/portal/rectifications).
#include <memory>

#include "core/error.h"
#include "core/validation.h"
#include "modules/registry.h"
#include "modules/route_util.h"
#include "modules/supervision/inspection_rules.h"
#include "modules/supervision/inspection_service.h"

namespace baoan::modules {

using http::Ctx;
using http::Response;
using nlohmann::json;

namespace {
supervision::InspectionQuery inspectionQuery(const Ctx& c) {
  supervision::InspectionQuery q;
  q.unitName = c.req.q("unitName");
  q.content = c.req.q("content");
  q.from = c.req.q("from");
  q.to = c.req.q("to");
  for (const auto& [key, label] : {std::pair{"from", "检查日期(起)"}, std::pair{"to", "检查日期(止)"}}) {
    const std::string v = c.req.q(key);
    if (!v.empty() && !core::isValidDate(v)) throw badRequest(std::string(label) + "不是有效日期,应为 YYYY-MM-DD");
  }
  q.conclusion = c.req.q("conclusion");
  if (!q.conclusion.empty() && supervision::conclusionCode(q.conclusion) != q.conclusion)
    throw badRequest("检查结论应为 pass、rectify、refer 之一");
  q.kind = c.req.q("kind");
  if (!q.kind.empty() && supervision::kindCode(q.kind) != q.kind) throw badRequest("检查类型应为 daily、special、annual、complaint_check 之一");
  q.rectState = c.req.q("rectState");
  if (!q.rectState.empty() && q.rectState != "overdue" && supervision::rectStateName(q.rectState) == q.rectState)
    throw badRequest("整改状态应为 pending、reported、accepted、returned、overdue 之一");
  q.companyId = c.req.queryId("companyId");
  q.feedbackId = c.req.queryId("feedbackId");
  q.conditions = c.req.target;
  return q;
}
}  // namespace

void registerInspectionRoutes(http::Router& r, app::Context& ctx, Shared& shared) {
  auto svc = std::make_shared<supervision::InspectionService>(ctx, shared.files);
  r.get("/api/v1/inspections", [svc](Ctx& c) {
    const auto pg = page(c);
    return Response::json(svc->list(c.user(), inspectionQuery(c), pg));
  }, {.permission = "inspection:view"});
  r.get("/api/v1/inspections/export", [svc](Ctx& c) { return fileResponse(svc->exportFile(actor(c), inspectionQuery(c))); },
        {.permission = "inspection:export"});
  r.get("/api/v1/inspections/import-template", [svc](Ctx&) { return fileResponse(svc->importTemplate()); },
        {.permission = "inspection:import"});
  r.post("/api/v1/inspections/import", [svc](Ctx& c) {
    const auto result = svc->importXlsx(actor(c), c.req.body);
    if (result.errorCount == 0) return Response::json({{"imported", result.imported}, {"errors", json::array()}});
    return Response::json({{"imported", 0}, {"errors", result.errors}, {"errorCount", result.errorCount}}, 422);
  }, {.permission = "inspection:import", .bodyLimit = 20u << 20});
  r.get("/api/v1/inspections/units", [svc](Ctx& c) { return Response::json(svc->units(c.user(), c.req.q("kind"), c.req.q("name"))); },
        {.permission = "inspection:view"});
  r.get("/api/v1/inspections/inspectors", [svc](Ctx& c) { return Response::json(svc->inspectors(c.user(), c.req.q("name"))); },
        {.permission = "inspection:view"});
  r.post("/api/v1/inspections", [svc](Ctx& c) {
    auto j = svc->create(actor(c), c.req.json());
    return Response::created(j, "/api/v1/inspections/" + std::to_string(j["id"].get<long long>()));
  }, {.permission = "inspection:create"});
  r.get("/api/v1/inspections/{id}", [svc](Ctx& c) { return Response::json(svc->get(c.user(), c.req.idParam())); },
        {.permission = "inspection:view"});
  r.put("/api/v1/inspections/{id}", [svc](Ctx& c) { return Response::json(svc->update(actor(c), c.req.idParam(), c.req.json())); },
        {.permission = "inspection:update"});
  r.del("/api/v1/inspections/{id}", [svc](Ctx& c) {
    svc->remove(actor(c), c.req.idParam());
    return Response::noContent();
  }, {.permission = "inspection:delete"});
  r.post("/api/v1/inspections/{id}/review", [svc](Ctx& c) { return Response::json(svc->review(actor(c), c.req.idParam(), c.req.json())); },
         {.permission = "inspection:update"});

  r.get("/api/v1/inspection-items", [svc](Ctx&) { return Response::json(svc->items()); }, {.permission = "inspection:view"});
  r.put("/api/v1/inspection-items", [svc](Ctx& c) { return Response::json(svc->saveItems(actor(c), c.req.json())); },
        {.permission = "inspection:manage"});

  r.get("/api/v1/portal/rectifications", [svc](Ctx& c) {
    const auto pg = page(c);
    return Response::json(svc->portalList(c.user(), pg));
  }, {.permission = "portal:rectification"});
  r.post("/api/v1/portal/rectifications/{id}/report",
         [svc](Ctx& c) { return Response::json(svc->portalReport(actor(c), c.req.idParam(), c.req.json())); },
         {.permission = "portal:rectification"});
}

}  // namespace baoan::modules
