// Routes of 考试缴费 (DOMAIN.md "Exam fee and payment"): the city's fees, the window payment and the orders of a
// registration (officers), the candidate's order and local pay call (portal), the gateway's callback.
#include "modules/exam/payment_service.h"
#include "modules/exam/registration_service.h"
#include "modules/registry.h"
#include "modules/route_util.h"

namespace baoan::modules {

using http::Ctx;
using http::Response;
using nlohmann::json;

namespace {
// The registration named in a portal body: {"registrationId": 12}.
long long registrationIdOf(const json& body) {
  if (!body.contains("registrationId") || body.at("registrationId").is_null())
    throw invalidField("registrationId", "请指定报名记录(registrationId)");
  if (!body.at("registrationId").is_number_integer()) throw AppError(400, "bad_request", "报名记录(registrationId)应为整数", {{"registrationId", "应为整数"}});
  const long long id = body.at("registrationId").get<long long>();
  if (id <= 0) throw notFound("报名记录不存在");
  return id;
}
}  // namespace

void wirePaymentRefunds(exam::RegistrationService& registrations) {
  registrations.onCancelled = [](db::Conn& c, const core::Actor& a, long long id) { exam::refundIfPaid(c, a, id, "报名取消"); };
}

void registerPaymentRoutes(http::Router& r, const std::shared_ptr<exam::PaymentService>& svc) {
  r.get("/api/v1/exam-fees", [svc](Ctx& c) { return Response::json(svc->fees(c.user())); }, {.permission = "exam_fee:view"});
  r.put("/api/v1/exam-fees", [svc](Ctx& c) { return Response::json(svc->setFee(actor(c), c.req.json())); },
        {.permission = "exam_fee:update", .bodyLimit = 4096});

  r.get("/api/v1/exam-registrations/{id}/payments", [svc](Ctx& c) { return Response::json(svc->officerOrders(c.user(), c.req.idParam())); },
        {.permission = "exam_payment:view"});
  r.post("/api/v1/exam-registrations/{id}/payments", [svc](Ctx& c) {
    return Response::json(svc->payAtWindow(actor(c), c.req.idParam(), c.req.json()));
  }, {.permission = "exam_payment:create", .bodyLimit = 4096});

  r.get("/api/v1/portal/exam-payments", [svc](Ctx& c) {
    const auto id = c.req.queryId("registrationId");
    if (!id) throw invalidField("registrationId", "请指定报名记录(registrationId)");
    return Response::json(svc->portalOrder(actor(c), *id, false));
  }, {.permission = "portal:exam_registration"});
  r.post("/api/v1/portal/exam-payments", [svc](Ctx& c) {
    return Response::json(svc->portalOrder(actor(c), registrationIdOf(c.req.json()), true));
  }, {.permission = "portal:exam_registration", .bodyLimit = 4096});
  r.post("/api/v1/portal/exam-payments/pay", [svc](Ctx& c) {
    return Response::json(svc->portalPay(actor(c), registrationIdOf(c.req.json())));
  }, {.permission = "portal:exam_registration", .bodyLimit = 4096});

  r.post("/api/v1/payments/callback", [svc](Ctx& c) {
    const auto answer = svc->callback(c.req.headers, c.req.body, c.req.remoteIp);
    return Response::json(answer.body, answer.status);
  }, {.isPublic = true, .bodyLimit = 16 * 1024});
}

}  // namespace baoan::modules
