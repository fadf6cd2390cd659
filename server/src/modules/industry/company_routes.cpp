// Routes of what is particular to companies: deregistration and password reset by the police, and
// the company's own record in the portal.
#include "modules/industry/industry.h"
#include "modules/route_util.h"

namespace baoan::modules {

using http::Ctx;
using http::Response;

void registerCompanyRoutes(http::Router& r, const std::shared_ptr<industry::CompanyService>& companies) {
  r.post("/api/v1/companies/{id}/deregister", [companies](Ctx& c) {
    return Response::json(companies->deregister(actor(c), c.req.idParam(), c.req.json()));
  }, {.permission = "company:delete"});
  r.post("/api/v1/companies/{id}/reset-password", [companies](Ctx& c) {
    return Response::json(companies->resetPassword(actor(c), c.req.idParam()));
  }, {.permission = "company:reset_password"});

  r.get("/api/v1/portal/company", [companies](Ctx& c) { return Response::json(companies->portalGet(c.user())); },
        {.permission = "portal:company"});
  r.post("/api/v1/portal/company/initialize", [companies](Ctx& c) {
    return Response::json(companies->portalUpdate(actor(c), c.req.json(), true));
  }, {.permission = "portal:company"});
  r.put("/api/v1/portal/company", [companies](Ctx& c) {
    return Response::json(companies->portalUpdate(actor(c), c.req.json(), false));
  }, {.permission = "portal:company"});
}

}  // namespace baoan::modules
