// Routes of the approval engine: chains and forms (/business-types, /workflows), the applicant's
// applications (/portal/applications), 待办 and 已办 (/todo), the cases and their actions
// (/applications/{id}/<verb>).
#include <algorithm>
#include <cctype>

#include "modules/approval/application_export.h"
#include "modules/approval/approval_service.h"
#include "modules/approval/delegation_service.h"
#include "modules/approval/opinion_phrases.h"
#include "modules/approval/signup_service.h"
#include "core/regions.h"
#include "modules/registry.h"
#include "modules/route_util.h"

namespace baoan::modules {

using http::Ctx;
using http::Response;

namespace {
approval::CaseFilter caseFilter(const Ctx& c) {
  approval::CaseFilter f;
  auto opt = [&](const char* key) { auto v = c.req.q(key); return v.empty() ? std::nullopt : std::optional<std::string>(v); };
  f.businessType = opt("businessType");
  f.caseNo = opt("caseNo");
  f.applicant = opt("applicant");
  f.status = opt("status");
  f.key = opt("key");
  f.submittedFrom = dayStart(c, "submittedFrom", "提交日期起");
  f.submittedTo = dayEnd(c, "submittedTo", "提交日期止");
  f.warning = opt("warning");
  // regionCode: the region and every region below it (统计管理's 详情 opens the list with it).
  if (auto region = opt("regionCode")) {
    if (region->size() < 2 || region->size() > 12 || !std::all_of(region->begin(), region->end(), ::isdigit))
      throw AppError(422, "validation_failed", "所属区域应为行政区划代码", {{"regionCode", "所属区域应为行政区划代码"}});
    std::string code = *region;
    if (code.size() == 6) while (code.size() > 2 && code.compare(code.size() - 2, 2, "00") == 0) code.erase(code.size() - 2);
    f.regionPrefix = code;
  }
  if (f.warning && *f.warning != "yellow" && *f.warning != "red")
    throw AppError(400, "bad_request", "预警只能是 yellow(即将到期)或 red(已超期)", {{"warning", "预警只能是 yellow 或 red"}});
  return f;
}
Response pdf(const Ctx& c, licences::PdfFile f) { return pdfResponse(c, std::move(f.bytes), f.fileName); }
}  // namespace

void registerApprovalRoutes(http::Router& r, app::Context& ctx, Shared& shared) {
  auto svc = shared.approval;
  auto signUp = std::make_shared<approval::SignUpService>(ctx, shared.users);

  // 注册 (public; the SMS code proves the legal person's mobile).
  r.post("/api/v1/portal/sign-up/sms-code", [signUp](Ctx& c) {
    signUp->sendCode(c.req.remoteIp, c.req.json());
    return Response::json({{"sent", true}});
  }, {.isPublic = true, .bodyLimit = 4096});
  r.post("/api/v1/portal/sign-up", [signUp](Ctx& c) {
    auto j = signUp->signUp(c.req.remoteIp, c.req.json());
    return Response::created(j, "/api/v1/auth/login");
  }, {.isPublic = true, .bodyLimit = 8192});
  // The region picker of 注册 (no session yet): the children of a GB/T 2260 region, as GET /regions
  // answers them (which needs a session). Public reference data, nothing about any user.
  r.get("/api/v1/portal/sign-up/regions", [](Ctx& c) {
    const auto& table = core::RegionTable::instance();
    auto item = [&](const core::Region& x) {
      return nlohmann::json{{"code", x.code}, {"name", x.name}, {"level", x.level}, {"parent", x.parent}, {"hasChildren", table.hasChildren(x.code)}};
    };
    nlohmann::json items = nlohmann::json::array();
    const std::string parent = c.req.q("parent");
    if (parent.empty()) {
      if (auto top = table.find("610000")) items.push_back(item(*top));
    } else {
      if (!table.find(parent)) throw notFound("行政区划代码不存在");
      for (const auto* child : table.children(parent)) items.push_back(item(*child));
    }
    return Response::json({{"items", items}});
  }, {.isPublic = true});
  // Chains and forms.
  r.get("/api/v1/business-types", [svc](Ctx&) { return Response::json(svc->businessTypes()); });
  r.get("/api/v1/business-types/{code}/form", [svc](Ctx& c) { return Response::json(svc->form(c.req.params.at("code"))); });
  r.get("/api/v1/workflows/{code}", [svc](Ctx& c) { return Response::json(svc->chain(c.req.params.at("code"))); },
        {.permission = "workflow:view"});
  r.put("/api/v1/workflows/{code}", [svc](Ctx& c) { return Response::json(svc->saveChain(actor(c), c.req.params.at("code"), c.req.json())); },
        {.permission = "workflow:update"});

  // The applicant.
  r.get("/api/v1/portal/business-types", [svc](Ctx& c) { return Response::json(svc->applicableTypes(c.user())); },
        {.permission = "portal:application"});
  r.get("/api/v1/portal/applications", [svc](Ctx& c) {
    const auto pg = page(c);
    return Response::json(svc->applicantList(c.user(), caseFilter(c), pg));
  }, {.permission = "portal:application"});
  r.post("/api/v1/portal/applications", [svc](Ctx& c) {
    auto j = svc->create(actor(c), c.req.json());
    return Response::created(j, "/api/v1/portal/applications/" + std::to_string(j["id"].get<long long>()));
  }, {.permission = "portal:application"});
  r.get("/api/v1/portal/applications/{id}", [svc](Ctx& c) { return Response::json(svc->applicantGet(c.user(), c.req.idParam())); },
        {.permission = "portal:application"});
  r.put("/api/v1/portal/applications/{id}", [svc](Ctx& c) { return Response::json(svc->edit(actor(c), c.req.idParam(), c.req.json())); },
        {.permission = "portal:application"});
  r.post("/api/v1/portal/applications/{id}/submit", [svc](Ctx& c) { return Response::json(svc->submit(actor(c), c.req.idParam())); },
         {.permission = "portal:application"});
  r.post("/api/v1/portal/applications/{id}/withdraw", [svc](Ctx& c) { return Response::json(svc->withdraw(actor(c), c.req.idParam())); },
         {.permission = "portal:application"});
  r.get("/api/v1/portal/applications/{id}/licence", [svc](Ctx& c) {
    return pdf(c, svc->applicantLicence(c.user(), c.req.idParam()));
  }, {.permission = "portal:application", .blocking = true});
  r.get("/api/v1/portal/licences", [svc](Ctx& c) { return Response::json(svc->applicantLicences(c.user())); },
        {.permission = "portal:application"});
  r.get("/api/v1/portal/messages", [svc](Ctx& c) { return Response::json(svc->messages(c.user())); },
        {.permission = "portal:application"});

  // Officers: 待办, 已办, the §5 lists, one case, its log and its actions.
  r.get("/api/v1/todo", [svc](Ctx& c) {
    const auto pg = page(c);
    return Response::json(svc->todo(c.user(), caseFilter(c), pg));
  }, {.permission = "approval:view"});
  r.get("/api/v1/todo/done", [svc](Ctx& c) {
    const auto pg = page(c);
    return Response::json(svc->done(c.user(), caseFilter(c), pg));
  }, {.permission = "approval:view"});
  r.get("/api/v1/applications", [svc](Ctx& c) {
    const auto pg = page(c);
    return Response::json(svc->list(c.user(), caseFilter(c), pg));
  }, {.permission = "approval:view"});
  r.post("/api/v1/applications/batch/approve", [svc](Ctx& c) { return Response::json(svc->batchApprove(actor(c), c.req.json())); },
         {.permission = "approval:approve", .bodyLimit = 16384});
  r.get("/api/v1/applications/export", [x = std::make_shared<approval::ApplicationExport>(ctx, shared.calendar)](Ctx& c) { return fileResponse(x->exportFile(actor(c), caseFilter(c), c.req.target)); }, {.permission = "approval:view"});
  r.get("/api/v1/applications/{id}", [svc](Ctx& c) { return Response::json(svc->get(c.user(), c.req.idParam())); },
        {.permission = "approval:view"});
  r.get("/api/v1/applications/{id}/log", [svc](Ctx& c) { return Response::json(svc->log(c.user(), c.req.idParam())); },
        {.permission = "approval:view"});
  r.get("/api/v1/applications/{id}/print", [svc](Ctx& c) { return pdf(c, svc->print(actor(c), c.req.idParam())); },
        {.permission = "approval:view", .blocking = true});
  r.get("/api/v1/applications/{id}/candidates", [svc](Ctx& c) {
    const auto purpose = c.req.q("for") == "assign" ? approval::Verb::assign : approval::Verb::transfer;
    return Response::json(svc->candidates(c.user(), c.req.idParam(), purpose));
  }, {.permission = "approval:approve"});
  r.post("/api/v1/applications/{id}/background-checks",
         [svc](Ctx& c) { return Response::json(svc->runBackgroundChecks(actor(c), c.req.idParam())); },
         {.permission = "approval:approve", .blocking = true});
  r.get("/api/v1/applications/{id}/background-checks",
        [svc](Ctx& c) { return Response::json(svc->backgroundChecks(c.user(), c.req.idParam())); }, {.permission = "approval:view"});
  // 常用语 of the opinion box.
  auto phrases = std::make_shared<approval::OpinionPhraseService>(ctx);
  r.get("/api/v1/opinion-phrases", [phrases](Ctx& c) { return Response::json(phrases->list(c.user())); },
        {.permission = "approval:approve"});
  r.post("/api/v1/opinion-phrases", [phrases](Ctx& c) {
    return Response::created(phrases->add(actor(c), c.req.json()), "/api/v1/opinion-phrases");
  }, {.permission = "approval:approve", .bodyLimit = 4096});
  r.del("/api/v1/opinion-phrases/{id}", [phrases](Ctx& c) {
    phrases->remove(actor(c), c.req.idParam());
    return Response::noContent();
  }, {.permission = "approval:approve"});
  // Out-of-office delegation.
  auto delegations = std::make_shared<approval::DelegationService>(ctx);
  r.get("/api/v1/delegations", [delegations](Ctx& c) { return Response::json(delegations->list(c.user())); },
        {.permission = "approval:approve"});
  r.get("/api/v1/delegations/candidates", [delegations](Ctx& c) { return Response::json(delegations->candidates(c.user())); },
        {.permission = "approval:approve"});
  r.post("/api/v1/delegations", [delegations](Ctx& c) {
    return Response::created(delegations->add(actor(c), c.req.json()), "/api/v1/delegations");
  }, {.permission = "approval:approve", .bodyLimit = 4096});
  r.del("/api/v1/delegations/{id}", [delegations](Ctx& c) {
    delegations->remove(actor(c), c.req.idParam());
    return Response::noContent();
  }, {.permission = "approval:approve"});
  for (const char* verb : {"accept", "refuse", "request-correction", "approve", "reject", "send-back", "recall", "transfer", "assign",
                           "urge", "extend", "pause", "resume"}) {
    const auto v = *approval::parseVerb(verb);
    r.post(std::string("/api/v1/applications/{id}/") + verb,
           [svc, v](Ctx& c) { return Response::json(svc->act(actor(c), c.req.idParam(), v, c.req.json())); },
           {.permission = "approval:approve"});
  }
}

}  // namespace baoan::modules
