// Routes of guards and good deeds, police side (/guards, /good-deeds) and company portal side
// (/portal/…), and the portal's company record.
#include "core/validation.h"
#include "modules/industry/good_deed_service.h"
#include "modules/industry/guard_service.h"
#include "modules/industry/industry.h"
#include "modules/registry.h"
#include "modules/route_util.h"

namespace baoan::modules {

using http::Ctx;
using http::Response;
using nlohmann::json;

namespace {
industry::GuardFilter guardFilter(Ctx& c) {
  industry::GuardFilter f;
  f.name = c.req.q("name");
  f.idNo = c.req.q("idNo");
  std::transform(f.idNo.begin(), f.idNo.end(), f.idNo.begin(), [](unsigned char ch) { return static_cast<char>(std::toupper(ch)); });
  f.mobile = c.req.q("mobile");
  // ID numbers and mobiles are searched through a trigram index: only their own characters make sense.
  if (f.idNo.find_first_not_of("0123456789X") != std::string::npos) throw invalidField("idNo", "身份证号只能包含数字和X");
  if (f.mobile.find_first_not_of("0123456789") != std::string::npos) throw invalidField("mobile", "手机号只能包含数字");
  f.companyName = c.req.q("companyName");
  const std::string employed = c.req.q("employed");
  if (employed == "true" || employed == "false") f.employed = employed == "true";
  else if (!employed.empty()) throw invalidField("employed", "在职状态应为 true 或 false");
  return f;
}

}  // namespace

void registerGuardRoutes(http::Router& r, app::Context& ctx, Shared& shared, std::shared_ptr<industry::RegistryService> companies) {
  auto guards = std::make_shared<industry::GuardService>(ctx, shared.files);
  auto deeds = std::make_shared<industry::GoodDeedService>(ctx);

  r.get("/api/v1/guards", [guards](Ctx& c) {
    return Response::json(guards->list(c.user(), guardFilter(c), c.req.queryId("orgId"), page(c)));
  }, {.permission = "guard:view"});
  r.get("/api/v1/guards/export", [guards](Ctx& c) {
    return guards->exportFile(actor(c), guardFilter(c), c.req.queryId("orgId"), c.req.target);
  }, {.permission = "guard:export"});
  r.get("/api/v1/guards/{id}", [guards](Ctx& c) { return Response::json(guards->get(actor(c), c.req.idParam())); },
        {.permission = "guard:view"});

  r.get("/api/v1/good-deeds", [deeds](Ctx& c) { return Response::json(deeds->list(c.user(), c.req, page(c), false)); },
        {.permission = "good_deed:view"});
  r.get("/api/v1/good-deeds/export", [deeds](Ctx& c) { return deeds->exportFile(actor(c), c.req); },
        {.permission = "good_deed:export"});
  r.get("/api/v1/good-deeds/{id}", [deeds](Ctx& c) { return Response::json(deeds->get(c.user(), c.req.idParam(), false)); },
        {.permission = "good_deed:view"});

  // Company portal.
  r.get("/api/v1/portal/company", [&ctx, companies](Ctx& c) { return Response::json(industry::portalCompany(ctx, *companies, c.user())); },
        {.permission = "portal:company"});
  r.post("/api/v1/portal/company/initialize", [&ctx, companies](Ctx& c) {
    return Response::json(industry::portalUpdateCompany(ctx, *companies, actor(c), c.req.json(), true));
  }, {.permission = "portal:company"});
  r.put("/api/v1/portal/company", [&ctx, companies](Ctx& c) {
    return Response::json(industry::portalUpdateCompany(ctx, *companies, actor(c), c.req.json(), false));
  }, {.permission = "portal:company"});

  r.get("/api/v1/portal/guards", [guards](Ctx& c) { return Response::json(guards->portalList(c.user(), guardFilter(c), page(c))); },
        {.permission = "portal:guard"});
  r.get("/api/v1/portal/guards/export",
        [guards](Ctx& c) { return guards->exportFile(actor(c), guardFilter(c), std::nullopt, c.req.target, true); },
        {.permission = "portal:guard"});
  r.get("/api/v1/portal/guards/import-template", [guards](Ctx&) { return guards->importTemplate(); },
        {.permission = "portal:guard"});
  r.post("/api/v1/portal/guards/import", [guards](Ctx& c) {
    int status = 200;
    auto j = guards->importGuards(actor(c), c.req.body, status);
    return Response::json(j, status);
  }, {.permission = "portal:guard", .bodyLimit = 20u << 20});
  r.get("/api/v1/portal/guards/{id}", [guards](Ctx& c) { return Response::json(guards->portalGet(c.user(), c.req.idParam())); },
        {.permission = "portal:guard"});
  r.post("/api/v1/portal/guards", [guards](Ctx& c) {
    auto j = guards->hire(actor(c), c.req.json());
    return Response::created(j, "/api/v1/portal/guards/" + std::to_string(j["id"].get<long long>()));
  }, {.permission = "portal:guard"});
  r.put("/api/v1/portal/guards/{id}", [guards](Ctx& c) { return Response::json(guards->update(actor(c), c.req.idParam(), c.req.json())); },
        {.permission = "portal:guard"});
  r.post("/api/v1/portal/guards/{id}/leave", [guards](Ctx& c) {
    return Response::json(guards->leave(actor(c), c.req.idParam(), c.req.body.empty() ? json::object() : c.req.json()));
  }, {.permission = "portal:guard"});

  r.get("/api/v1/portal/good-deeds", [deeds](Ctx& c) { return Response::json(deeds->list(c.user(), c.req, page(c), true)); },
        {.permission = "portal:good_deed"});
  r.get("/api/v1/portal/good-deeds/{id}", [deeds](Ctx& c) { return Response::json(deeds->get(c.user(), c.req.idParam(), true)); },
        {.permission = "portal:good_deed"});
  r.post("/api/v1/portal/good-deeds", [deeds](Ctx& c) {
    auto j = deeds->create(actor(c), c.req.json());
    return Response::created(j, "/api/v1/portal/good-deeds/" + std::to_string(j["id"].get<long long>()));
  }, {.permission = "portal:good_deed"});
  r.put("/api/v1/portal/good-deeds/{id}", [deeds](Ctx& c) { return Response::json(deeds->update(actor(c), c.req.idParam(), c.req.json())); },
        {.permission = "portal:good_deed"});
}

}  // namespace baoan::modules
