// Routes of manual §3 行业信息: the four registries, each from its spec (industry_specs.cpp), and the
// composition of the industry services; the routes of companies, guards and good deeds are in their
// own files.
#include "modules/industry/industry.h"
#include "modules/registry.h"
#include "modules/route_util.h"

namespace baoan::modules {

using http::Ctx;
using http::Response;

namespace {
// The list's query: the spec's filters as given, the org picked in the tree.
industry::RegistryQuery registryQuery(const Ctx& c, const industry::EntitySpec& spec) {
  industry::RegistryQuery q;
  for (const auto& f : spec.filters) q.filters[f.param] = c.req.q(f.param);
  q.orgId = c.req.queryId("orgId");
  q.conditions = c.req.target;
  return q;
}
}  // namespace

void registerRegistryRoutes(http::Router& r, const std::shared_ptr<industry::RegistryService>& svc) {
  const std::string base = "/api/v1/" + svc->spec().resource;
  const std::string m = svc->spec().module;
  r.get(base, [svc](Ctx& c) {
    const auto pg = page(c);
    return Response::json(svc->list(c.user(), registryQuery(c, svc->spec()), pg));
  }, {.permission = m + ":view"});
  if (!svc->spec().statsPath.empty())
    r.get(svc->spec().statsPath, [svc](Ctx& c) {
      return Response::json(svc->stats(c.user(), registryQuery(c, svc->spec()), c.req.q("groupBy")));
    }, {.permission = svc->spec().statsPermission});
  r.get(base + "/export", [svc](Ctx& c) { return fileResponse(svc->exportFile(actor(c), registryQuery(c, svc->spec()))); },
        {.permission = m + ":export"});
  r.get(base + "/{id}", [svc](Ctx& c) { return Response::json(svc->get(actor(c), c.req.idParam())); }, {.permission = m + ":view"});
  r.post(base, [svc, base](Ctx& c) {
    auto j = svc->create(actor(c), c.req.json());
    return Response::created(j, base + "/" + std::to_string(j["id"].get<long long>()));
  }, {.permission = m + ":create"});
  r.put(base + "/{id}", [svc](Ctx& c) { return Response::json(svc->update(actor(c), c.req.idParam(), c.req.json())); },
        {.permission = m + ":update"});
  if (svc->spec().deletable)
    r.del(base + "/{id}", [svc](Ctx& c) {
      svc->remove(actor(c), c.req.idParam());
      return Response::noContent();
    }, {.permission = m + ":delete"});
}

void registerIndustryRoutes(http::Router& r, app::Context& ctx, Shared& shared) {
  auto companies = std::make_shared<industry::RegistryService>(ctx, industry::companySpec(shared.users));
  registerRegistryRoutes(r, std::make_shared<industry::RegistryService>(ctx, industry::associationSpec()));
  registerRegistryRoutes(r, companies);
  registerRegistryRoutes(r, std::make_shared<industry::RegistryService>(ctx, industry::inhouseSpec()));
  registerRegistryRoutes(r, std::make_shared<industry::RegistryService>(ctx, industry::trainingSpec()));
  registerCompanyRoutes(r, std::make_shared<industry::CompanyService>(ctx, companies, shared.users));
  registerGuardRoutes(r, std::make_shared<industry::GuardService>(ctx, shared.files));
  registerGoodDeedRoutes(r, std::make_shared<industry::GoodDeedService>(ctx));
  registerUnitFilingRoutes(r, std::make_shared<industry::UnitFilingService>(ctx, companies));
}

}  // namespace baoan::modules
