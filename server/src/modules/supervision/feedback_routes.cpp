// Routes of 市民投诉建议 (manual §9.2): the public page's API (no sign-in, bounded: rate limits in the
// service, small body limits here so that a large body is refused with 413 before it is read) and the
// police side (/feedback).
#include "modules/registry.h"
#include "modules/route_util.h"
#include "modules/supervision/feedback_service.h"

namespace baoan::modules {

using http::Ctx;
using http::Response;

void registerFeedbackRoutes(http::Router& r, app::Context& ctx, Shared& shared) {
  auto svc = std::make_shared<supervision::FeedbackService>(ctx, shared.calendar, shared.files);
  // A feedback's photos: whoever sees the feedback sees them.
  shared.files.addOwnerKind("citizen_feedback", [](db::Conn& c, const core::Principal& p, long long id) {
    return p.has("citizen_feedback:view") && supervision::FeedbackStore().visible(c, p.scope, id);
  });

  // Public.
  r.post("/api/v1/public/feedback/sms-code", [svc](Ctx& c) {
    svc->sendCode(c.req.remoteIp, c.req.json());
    return Response::json({{"sent", true}});
  }, {.isPublic = true, .bodyLimit = 4096});
  r.post("/api/v1/public/feedback/photos", [svc](Ctx& c) {
    auto j = svc->uploadPhoto(c.req.remoteIp, c.req.header("x-file-name"), c.req.body);
    return Response::json(j, 201);
  }, {.isPublic = true, .bodyLimit = supervision::FeedbackService::kMaxPhotoBytes + 1});
  r.get("/api/v1/public/feedback/companies", [svc](Ctx& c) { return Response::json(svc->searchCompanies(c.req.remoteIp, c.req.q("name"))); },
        {.isPublic = true});
  r.post("/api/v1/public/feedback", [svc](Ctx& c) {
    auto j = svc->submit(c.req.remoteIp, c.req.json());
    return Response::json(j, 201);
  }, {.isPublic = true, .bodyLimit = 32 * 1024});
  r.get("/api/v1/public/feedback/{code}", [svc](Ctx& c) {
    return Response::json(svc->lookup(c.req.remoteIp, c.req.params.at("code"), c.req.q("mobile")));
  }, {.isPublic = true});

  // Police.
  r.get("/api/v1/feedback", [svc](Ctx& c) {
    const auto pg = page(c);
    supervision::FeedbackQuery q;
    q.type = c.req.q("type");
    q.state = c.req.q("state");
    q.companyId = c.req.queryId("companyId");
    q.companyName = c.req.q("companyName");
    q.from = dayStart(c, "from", "开始日期");
    q.to = dayEnd(c, "to", "结束日期");
    return Response::json(svc->list(c.user(), q, pg));
  }, {.permission = "citizen_feedback:view"});
  r.get("/api/v1/feedback/settings", [svc](Ctx&) { return Response::json(svc->settings()); },
        {.permission = "citizen_feedback:view"});
  r.put("/api/v1/feedback/settings", [svc](Ctx& c) { return Response::json(svc->updateSettings(actor(c), c.req.json())); },
        {.permission = "citizen_feedback:manage"});
  r.get("/api/v1/feedback/{id}", [svc](Ctx& c) { return Response::json(svc->get(c.user(), c.req.idParam())); },
        {.permission = "citizen_feedback:view"});
  r.post("/api/v1/feedback/{id}/assign", [svc](Ctx& c) { return Response::json(svc->assign(actor(c), c.req.idParam(), c.req.json())); },
         {.permission = "citizen_feedback:update"});
  r.post("/api/v1/feedback/{id}/reply", [svc](Ctx& c) { return Response::json(svc->reply(actor(c), c.req.idParam(), c.req.json())); },
         {.permission = "citizen_feedback:update"});
  r.post("/api/v1/feedback/{id}/close", [svc](Ctx& c) { return Response::json(svc->close(actor(c), c.req.idParam())); },
         {.permission = "citizen_feedback:update"});
}

}  // namespace baoan::modules
