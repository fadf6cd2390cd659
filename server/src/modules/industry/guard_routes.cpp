// Routes of guards: police side (/guards) and company portal side (/portal/guards).
#include <algorithm>

#include "core/regions.h"
#include "core/validation.h"

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
  // The filters of the map's statistics (§7.2): each takes a group key of its dimension.
  auto key = [&](const std::string& dimension, const char* label) {
    const std::string v = c.req.q(dimension);
    if (v.empty()) return v;
    for (const auto& d : industry::guardDimensions())
      if (d.name == dimension)
        for (const auto& g : d.groups)
          if (g.first == v) return v;
    throw invalidField(dimension, std::string(label) + "的取值无效");
  };
  f.gender = key("gender", "性别");
  f.education = key("education", "文化程度");
  f.ageBand = key("ageBand", "年龄段");
  const std::string certified = key("certified", "持证状态");
  if (!certified.empty()) f.certified = certified == "true";
  f.employerKind = key("employerKind", "单位类型");
  // A bar of the chart by employer: kind:id (company:12, inhouse:3), or other (其他).
  if (const std::string e = c.req.q("employer"); e == "other") {
    f.otherEmployers = true;
  } else if (!e.empty()) {
    const auto colon = e.find(':');
    const std::string kind = e.substr(0, colon == std::string::npos ? 0 : colon);
    const std::string id = colon == std::string::npos ? "" : e.substr(colon + 1);
    if ((kind != "company" && kind != "inhouse") || id.empty() || id.size() > 15 || id.find_first_not_of("0123456789") != std::string::npos)
      throw invalidField("employer", "用工单位应为 company:编号、inhouse:编号 或 other");
    f.employerGroup = std::make_pair(kind, std::stoll(id));
  }
  // 入职日期 range (inclusive, China dates as hired_on holds them).
  auto day = [&](const char* key, const char* label) {
    const std::string v = c.req.q(key);
    if (!v.empty() && !core::isValidDate(v)) throw invalidField(key, std::string(label) + "格式应为 YYYY-MM-DD,如 2026-01-31");
    return v;
  };
  f.hiredFrom = day("hiredFrom", "入职日期(起)");
  f.hiredTo = day("hiredTo", "入职日期(止)");
  if (!f.hiredFrom.empty() && !f.hiredTo.empty() && f.hiredTo < f.hiredFrom)
    throw invalidField("hiredTo", "入职日期(止)不能早于入职日期(起)");
  f.leftFrom = day("leftFrom", "离职日期(起)");
  f.leftTo = day("leftTo", "离职日期(止)");
  if (!f.leftFrom.empty() && !f.leftTo.empty() && f.leftTo < f.leftFrom)
    throw invalidField("leftTo", "离职日期(止)不能早于离职日期(起)");
  auto flag = [&](const char* key, const char* label) -> std::optional<bool> {
    const std::string v = c.req.q(key);
    if (v.empty()) return std::nullopt;
    if (v == "true" || v == "false") return v == "true";
    throw invalidField(key, std::string(label) + "应为 true 或 false");
  };
  f.realNameVerified = flag("realNameVerified", "实名认证状态");
  f.appInitialized = flag("appInitialized", "App初始化状态");
  f.regionCode = c.req.q("regionCode");
  if (!f.regionCode.empty() && !core::RegionTable::instance().find(f.regionCode)) throw invalidField("regionCode", "所属区域不存在");
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
  // 人员统计 (§7.2): the list's guards counted by one dimension.
  r.get("/api/v1/stats/guards", [guards](Ctx& c) {
    const auto orgId = c.req.queryId("orgId");
    return Response::json(guards->stats(c.user(), guardFilter(c), orgId, c.req.q("groupBy")));
  }, {.permission = "personnel_center:view"});
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
