// Routes of 统计管理 (manual §8, issue 14): 审批统计 (stats_approval) and 企业统计 (stats_company), each
// page's figures and the table behind it as xlsx.
#include "modules/registry.h"
#include "modules/route_util.h"
#include "modules/statistics/statistics_service.h"

namespace baoan::modules {

using http::Ctx;
using http::Response;

namespace {
statistics::StatsQuery statsQuery(const Ctx& c) {
  return {c.req.q("from"), c.req.q("to"), c.req.q("regionCode"), c.req.q("businessType")};
}
}  // namespace

void registerStatisticsRoutes(http::Router& r, app::Context& ctx, Shared& shared) {
  auto svc = std::make_shared<statistics::StatisticsService>(ctx, shared.calendar);
  r.get("/api/v1/stats/approvals", [svc](Ctx& c) { return Response::json(svc->approvals(c.user(), statsQuery(c))); },
        {.permission = "stats_approval:view"});
  r.get("/api/v1/stats/approvals/export", [svc](Ctx& c) { return fileResponse(svc->exportTable(actor(c), "approvals", statsQuery(c))); },
        {.permission = "stats_approval:export"});
  r.get("/api/v1/stats/exam-registrations", [svc](Ctx& c) { return Response::json(svc->examRegistrations(c.user(), statsQuery(c))); },
        {.permission = "stats_approval:view"});
  r.get("/api/v1/stats/exam-registrations/export",
        [svc](Ctx& c) { return fileResponse(svc->exportTable(actor(c), "exam-registrations", statsQuery(c))); },
        {.permission = "stats_approval:export"});
  r.get("/api/v1/stats/companies/initialization",
        [svc](Ctx& c) { return Response::json(svc->companyInitialization(c.user(), statsQuery(c))); }, {.permission = "stats_company:view"});
  r.get("/api/v1/stats/companies/initialization/export",
        [svc](Ctx& c) { return fileResponse(svc->exportTable(actor(c), "companies-initialization", statsQuery(c))); },
        {.permission = "stats_company:export"});
  r.get("/api/v1/stats/guards/analysis", [svc](Ctx& c) { return Response::json(svc->guardAnalysis(c.user(), statsQuery(c))); },
        {.permission = "stats_company:view"});
  r.get("/api/v1/stats/guards/analysis/export",
        [svc](Ctx& c) { return fileResponse(svc->exportTable(actor(c), "guards-analysis", statsQuery(c))); },
        {.permission = "stats_company:export"});
}

}  // namespace baoan::modules
