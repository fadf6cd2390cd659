// Routes of the approval engine: chains and forms (/business-types, /workflows), the applicant's
// applications (/portal/applications), 待办 and 已办 (/todo), the cases and their actions
// (/applications/{id}/<verb>).
#include "modules/approval/approval_service.h"
#include "modules/approval/signup_service.h"
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
  f.submittedFrom = dayStart(c, "submittedFrom", "提交日期起");
  f.submittedTo = dayEnd(c, "submittedTo", "提交日期止");
  return f;
}
}  // namespace

void registerApprovalRoutes(http::Router& r, app::Context& ctx, Shared& shared) {
  auto svc = std::make_shared<approval::ApprovalService>(ctx, shared.files);
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
  r.get("/api/v1/applications/{id}", [svc](Ctx& c) { return Response::json(svc->get(c.user(), c.req.idParam())); },
        {.permission = "approval:view"});
  r.get("/api/v1/applications/{id}/log", [svc](Ctx& c) { return Response::json(svc->log(c.user(), c.req.idParam())); },
        {.permission = "approval:view"});
  r.get("/api/v1/applications/{id}/candidates", [svc](Ctx& c) {
    const auto purpose = c.req.q("for") == "assign" ? approval::Verb::assign : approval::Verb::transfer;
    return Response::json(svc->candidates(c.user(), c.req.idParam(), purpose));
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
