// Routes of 保安员资格证考试报名 (manual §6.1.1, issue 13): registering (a person, their employer or
// school on the portal, an officer at the window: one route, the service decides who may), the police
// list and details in scope, the portal's own registrations, 取消 and 改派, and 派出所设置.
#include "modules/exam/registration_service.h"
#include "modules/registry.h"
#include "modules/route_util.h"

namespace baoan::modules {

using http::Ctx;
using http::Response;

namespace {
exam::RegistrationFilter registrationFilter(const Ctx& c) {
  exam::RegistrationFilter f;
  auto opt = [&](const char* key) { auto v = c.req.q(key); return v.empty() ? std::nullopt : std::optional<std::string>(v); };
  f.status = opt("status");
  f.name = opt("name");
  f.idNo = opt("idNo");
  if (f.idNo) std::transform(f.idNo->begin(), f.idNo->end(), f.idNo->begin(), [](unsigned char ch) { return static_cast<char>(std::toupper(ch)); });
  f.caseNo = opt("caseNo");
  f.householdRegion = opt("householdRegion");
  f.examId = c.req.queryId("examId");
  f.createdFrom = dayStart(c, "createdFrom", "报名日期起");
  f.createdTo = dayEnd(c, "createdTo", "报名日期止");
  return f;
}
}  // namespace

std::shared_ptr<exam::RegistrationService> registerExamRegistrationRoutes(http::Router& r, app::Context& ctx, Shared& shared) {
  auto svc = std::make_shared<exam::RegistrationService>(ctx, shared.files, shared.approval);

  r.post("/api/v1/exam-registrations", [svc](Ctx& c) {
    auto j = svc->create(actor(c), c.req.json());
    return Response::created(j, "/api/v1/exam-registrations/" + std::to_string(j["id"].get<long long>()));
  }, {.bodyLimit = 64 * 1024});

  // Police side (§6.1.1): read-only list and details; 审批 happens in 待办.
  r.get("/api/v1/exam-registrations", [svc](Ctx& c) {
    const auto pg = page(c);
    return Response::json(svc->list(actor(c), registrationFilter(c), pg));
  }, {.permission = "exam_registration:view"});
  r.get("/api/v1/exam-registrations/{id}", [svc](Ctx& c) { return Response::json(svc->get(actor(c), c.req.idParam())); },
        {.permission = "exam_registration:view"});
  r.post("/api/v1/exam-registrations/{id}/cancel", [svc](Ctx& c) {
    return Response::json(svc->cancel(actor(c), c.req.idParam(), c.req.json()));
  }, {.permission = "exam_registration:update"});
  r.post("/api/v1/exam-registrations/{id}/reroute", [svc](Ctx& c) {
    return Response::json(svc->reroute(actor(c), c.req.idParam(), c.req.json()));
  }, {.permission = "exam_registration:update"});
  r.get("/api/v1/station-routes", [svc](Ctx& c) { return Response::json(svc->stationRoutes(c.user())); },
        {.permission = "exam_registration:manage"});
  r.put("/api/v1/station-routes/{countyCode}", [svc](Ctx& c) {
    return Response::json(svc->setStationRoute(actor(c), c.req.params.at("countyCode"), c.req.json()));
  }, {.permission = "exam_registration:manage"});

  // Portal side: what the account registered (a person: their own).
  r.get("/api/v1/portal/exam-registrations", [svc](Ctx& c) {
    const auto pg = page(c);
    return Response::json(svc->list(actor(c), registrationFilter(c), pg));
  }, {.permission = "portal:exam_registration"});
  // 批量报名: the template and the list (employers and schools).
  r.get("/api/v1/portal/exam-registrations/import-template", [svc](Ctx&) { return fileResponse(svc->importTemplate()); },
        {.permission = "portal:exam_registration"});
  r.post("/api/v1/portal/exam-registrations/import", [svc](Ctx& c) {
    int status = 200;
    auto j = svc->importRegistrations(actor(c), c.req.body, status);
    return Response::json(j, status);
  }, {.permission = "portal:exam_registration", .bodyLimit = 5 * 1024 * 1024});
  r.get("/api/v1/portal/exam-registrations/{id}", [svc](Ctx& c) { return Response::json(svc->get(actor(c), c.req.idParam())); },
        {.permission = "portal:exam_registration"});
  // The candidate's own 准考证 (the person, or the unit that registered them).
  r.get("/api/v1/portal/exam-registrations/{id}/ticket", [svc, exams = shared.exams](Ctx& c) {
    const auto reg = svc->get(actor(c), c.req.idParam());  // 404 for another account's
    if (!reg["exam"].is_object()) throw conflict("尚未安排考试,没有准考证");
    auto f = exams->ticketOf(actor(c), reg["exam"]["id"].get<long long>(), c.req.idParam());
    return pdfResponse(c, std::move(f.bytes), f.fileName);
  }, {.permission = "portal:exam_registration"});
  r.post("/api/v1/portal/exam-registrations/{id}/cancel", [svc](Ctx& c) {
    return Response::json(svc->cancel(actor(c), c.req.idParam(), c.req.json()));
  }, {.permission = "portal:exam_registration"});
  return svc;
}

}  // namespace baoan::modules
