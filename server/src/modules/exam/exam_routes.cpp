// Routes of 考试安排 and 成绩 (§6.2): exams, 添加人员, 考场编排, 准考证, 考试通知, 录入成绩, 通知成绩.
#include "modules/exam/exam_service.h"
#include "modules/registry.h"
#include "modules/route_util.h"

namespace baoan::modules {

using http::Ctx;
using http::Response;
using nlohmann::json;

namespace {
exam::ExamQuery examQuery(const Ctx& c) { return {c.req.q("name"), c.req.q("status"), c.req.q("from"), c.req.q("to")}; }

json bodyOrNull(const Ctx& c) { return c.req.body.empty() ? json(nullptr) : c.req.json(); }

Response importResponse(const exam::ScoreImportResult& result) {
  if (result.errorCount == 0) return Response::json({{"imported", result.imported}, {"errors", json::array()}});
  return Response::json({{"imported", 0}, {"errors", result.errors}, {"errorCount", result.errorCount}}, 422);
}
}  // namespace

void registerExamRoutes(http::Router& r, const std::shared_ptr<exam::ExamService>& svc) {
  r.get("/api/v1/exams", [svc](Ctx& c) {
    const auto pg = page(c);
    return Response::json(svc->list(c.user(), examQuery(c), pg));
  }, {.permission = "exam:view"});
  r.post("/api/v1/exams", [svc](Ctx& c) {
    auto j = svc->create(actor(c), c.req.json());
    return Response::created(j, "/api/v1/exams/" + std::to_string(j["id"].get<long long>()));
  }, {.permission = "exam:create", .bodyLimit = 256u << 10});
  r.get("/api/v1/exams/{id}", [svc](Ctx& c) { return Response::json(svc->get(c.user(), c.req.idParam())); },
        {.permission = "exam:view", .blocking = true});
  r.put("/api/v1/exams/{id}", [svc](Ctx& c) { return Response::json(svc->update(actor(c), c.req.idParam(), c.req.json())); },
        {.permission = "exam:update", .bodyLimit = 256u << 10});
  r.del("/api/v1/exams/{id}", [svc](Ctx& c) {
    svc->remove(actor(c), c.req.idParam());
    return Response::noContent();
  }, {.permission = "exam:delete"});

  // 添加人员.
  r.get("/api/v1/exams/{id}/addable", [svc](Ctx& c) {
    const auto pg = page(c);
    return Response::json(svc->addable(c.user(), c.req.idParam(), {c.req.q("name"), c.req.q("idNo")}, pg));
  }, {.permission = "exam:view"});
  r.post("/api/v1/exams/{id}/candidates", [svc](Ctx& c) {
    return Response::json(svc->addCandidates(actor(c), c.req.idParam(), c.req.json()));
  }, {.permission = "exam:update", .bodyLimit = 1u << 20});
  r.del("/api/v1/exams/{id}/candidates/{registrationId}", [svc](Ctx& c) {
    svc->removeCandidate(actor(c), c.req.idParam(), c.req.idParam("registrationId"));
    return Response::noContent();
  }, {.permission = "exam:update"});

  // 考场编排.
  r.post("/api/v1/exams/{id}/seating", [svc](Ctx& c) { return Response::json(svc->seat(actor(c), c.req.idParam(), bodyOrNull(c))); },
         {.permission = "exam:update", .bodyLimit = 4096});
  r.put("/api/v1/exams/{id}/candidates/{registrationId}/seat", [svc](Ctx& c) {
    return Response::json(svc->moveSeat(actor(c), c.req.idParam(), c.req.idParam("registrationId"), c.req.json()));
  }, {.permission = "exam:update", .bodyLimit = 4096});

  // 准考证 and the room lists.
  r.get("/api/v1/exams/{id}/tickets", [svc](Ctx& c) {
    exam::TicketQuery q;
    q.room = c.req.q("room");
    if (!c.req.q("registrationId").empty()) {
      try {
        q.registrationId = std::stoll(c.req.q("registrationId"));
      } catch (const std::exception&) {
        throw invalidField("registrationId", "考生编号应为数字");
      }
    }
    auto f = svc->tickets(actor(c), c.req.idParam(), q);
    return pdfResponse(c, std::move(f.bytes), f.fileName);
  }, {.permission = "exam:print", .blocking = true});
  r.get("/api/v1/exams/{id}/candidates/export",
        [svc](Ctx& c) { return fileResponse(svc->roomList(actor(c), c.req.idParam(), c.req.q("room"))); },
        {.permission = "exam:export"});

  // 考试通知.
  r.post("/api/v1/exams/{id}/notify", [svc](Ctx& c) { return Response::json(svc->notify(actor(c), c.req.idParam(), bodyOrNull(c))); },
         {.permission = "exam:update", .bodyLimit = 4096});

  // 成绩.
  r.put("/api/v1/exams/{id}/scores/{registrationId}", [svc](Ctx& c) {
    return Response::json(svc->setScore(actor(c), c.req.idParam(), c.req.idParam("registrationId"), c.req.json()));
  }, {.permission = "exam:update", .bodyLimit = 8192});
  r.get("/api/v1/exams/{id}/score-template", [svc](Ctx& c) { return fileResponse(svc->scoreTemplate(actor(c), c.req.idParam())); },
        {.permission = "exam:export", .blocking = true});
  r.post("/api/v1/exams/{id}/scores/import",
         [svc](Ctx& c) { return importResponse(svc->importScores(actor(c), c.req.idParam(), c.req.body)); },
         {.permission = "exam:import", .bodyLimit = 20u << 20});
  r.post("/api/v1/exams/{id}/notify-scores", [svc](Ctx& c) { return Response::json(svc->notifyScores(actor(c), c.req.idParam())); },
         {.permission = "exam:update", .bodyLimit = 4096});
}

}  // namespace baoan::modules
