// Routes of the registry records the filings of issue 12 produce: a company's branches, cross-region
// filings and annual reports (police side, the company in the caller's scope); the cross-region
// filings of the caller's scope (the company's org or the service region's); annual report rounds.
#include "modules/industry/industry.h"
#include "modules/route_util.h"

namespace baoan::modules {

using http::Ctx;
using http::Response;

void registerUnitFilingRoutes(http::Router& r, const std::shared_ptr<industry::UnitFilingService>& svc) {
  r.get("/api/v1/companies/{id}/branches", [svc](Ctx& c) {
    return Response::json(svc->branches(c.user(), c.req.idParam(), page(c)));
  }, {.permission = "company:view"});
  r.get("/api/v1/companies/{id}/cross-region-filings", [svc](Ctx& c) {
    return Response::json(svc->crossRegionOfCompany(c.user(), c.req.idParam(), page(c)));
  }, {.permission = "company:view"});
  r.get("/api/v1/companies/{id}/annual-reports", [svc](Ctx& c) {
    return Response::json(svc->annualReports(c.user(), c.req.idParam(), page(c)));
  }, {.permission = "company:view"});

  r.get("/api/v1/cross-region-filings", [svc](Ctx& c) {
    industry::CrossRegionFilter f;
    f.companyName = c.req.q("companyName");
    f.clientName = c.req.q("clientName");
    f.serviceRegionCode = c.req.q("serviceRegionCode");
    return Response::json(svc->crossRegionFilings(c.user(), f, page(c)));
  }, {.permission = "cross_region_filing:view"});

  r.get("/api/v1/annual-report-rounds", [svc](Ctx&) { return Response::json(svc->rounds()); }, {.permission = "annual_report:view"});
  r.put("/api/v1/annual-report-rounds/{year}", [svc](Ctx& c) {
    return Response::json(svc->setRound(actor(c), c.req.params.at("year"), c.req.json()));
  }, {.permission = "annual_report:manage"});
  r.get("/api/v1/annual-report-rounds/{year}/missing", [svc](Ctx& c) {
    return Response::json(svc->missingReports(c.user(), c.req.params.at("year"), page(c)));
  }, {.permission = "annual_report:view"});
  r.get("/api/v1/annual-report-rounds/{year}/missing/export",
        [svc](Ctx& c) { return fileResponse(svc->exportMissing(actor(c), c.req.params.at("year"))); },
        {.permission = "annual_report:export"});
}

}  // namespace baoan::modules
