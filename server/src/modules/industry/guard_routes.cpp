// Routes of guards: police side (/guards) and company portal side (/portal/guards).
#include <algorithm>

#include "modules/industry/guard_json.h"
#include "modules/industry/industry.h"
#include "modules/route_util.h"

namespace baoan::modules {

using http::Ctx;
using http::Response;
using nlohmann::json;

namespace {
industry::GuardFilter guardFilter(const Ctx& c) {
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

Response importResponse(const industry::GuardImportResult& result) {
  if (result.errorCount == 0) return Response::json({{"imported", result.imported}, {"errors", json::array()}});
  return Response::json({{"imported", 0}, {"errors", result.errors}, {"errorCount", result.errorCount}}, 422);
}
}  // namespace

void registerGuardRoutes(http::Router& r, const std::shared_ptr<industry::GuardService>& guards) {
  r.get("/api/v1/guards", [guards](Ctx& c) {
    const auto pg = page(c);
    const auto orgId = c.req.queryId("orgId");
    return Response::jsonText(industry::guardPageJson(guards->list(c.user(), guardFilter(c), orgId, pg)));
  }, {.permission = "guard:view"});
  r.get("/api/v1/guards/export", [guards](Ctx& c) {
    const auto orgId = c.req.queryId("orgId");
    return fileResponse(guards->exportFile(actor(c), guardFilter(c), orgId, c.req.target));
  }, {.permission = "guard:export"});
  r.get("/api/v1/guards/{id}", [guards](Ctx& c) { return Response::json(guards->get(actor(c), c.req.idParam())); },
        {.permission = "guard:view"});

  r.get("/api/v1/portal/guards", [guards](Ctx& c) {
    const auto pg = page(c);
    return Response::jsonText(industry::guardPageJson(guards->portalList(c.user(), guardFilter(c), pg)));
  }, {.permission = "portal:guard"});
  r.get("/api/v1/portal/guards/export",
        [guards](Ctx& c) { return fileResponse(guards->portalExport(actor(c), guardFilter(c), c.req.target)); },
        {.permission = "portal:guard"});
  r.get("/api/v1/portal/guards/import-template", [guards](Ctx&) { return fileResponse(guards->importTemplate()); },
        {.permission = "portal:guard"});
  r.post("/api/v1/portal/guards/import", [guards](Ctx& c) { return importResponse(guards->importGuards(actor(c), c.req.body)); },
         {.permission = "portal:guard", .bodyLimit = 20u << 20});
  r.get("/api/v1/portal/guards/{id}", [guards](Ctx& c) { return Response::json(guards->portalGet(c.user(), c.req.idParam())); },
        {.permission = "portal:guard"});
  r.post("/api/v1/portal/guards", [guards](Ctx& c) {
    auto j = guards->hire(actor(c), c.req.json());
    return Response::created(j, "/api/v1/portal/guards/" + std::to_string(j["id"].get<long long>()));
  }, {.permission = "portal:guard"});
  r.put("/api/v1/portal/guards/{id}", [guards](Ctx& c) { return Response::json(guards->update(actor(c), c.req.idParam(), c.req.json())); },
        {.permission = "portal:guard"});
  // The body is optional: without one the guard leaves today.
  r.post("/api/v1/portal/guards/{id}/leave", [guards](Ctx& c) {
    return Response::json(guards->leave(actor(c), c.req.idParam(), c.req.body.empty() ? json::object() : c.req.json()));
  }, {.permission = "portal:guard"});
}

}  // namespace baoan::modules
