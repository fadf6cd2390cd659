// 操作日志, 登录日志 and 短信记录: the query into a filter, one service call, the page as JSON.
#include "core/error.h"
#include "modules/audit/audit_service.h"
#include "modules/registry.h"
#include "modules/route_util.h"

namespace baoan::modules {

using http::Ctx;
using http::Response;

namespace {
audit::LogFilter filterOf(const Ctx& c) {
  audit::LogFilter f;
  f.from = dayStart(c, "from", "开始日期");
  f.to = dayEnd(c, "to", "结束日期");
  f.account = c.req.q("account");
  f.action = c.req.q("action");
  f.targetType = c.req.q("targetType");
  const std::string success = c.req.q("success");
  if (success == "true" || success == "false") f.success = success == "true";
  else if (!success.empty()) throw invalidField("success", "登录结果应为 true 或 false");
  f.mobile = c.req.q("mobile");
  f.purpose = c.req.q("purpose");
  f.status = c.req.q("status");
  return f;
}
}  // namespace

void registerAuditRoutes(http::Router& r, app::Context& ctx) {
  auto svc = std::make_shared<audit::AuditService>(ctx);
  r.get("/api/v1/audit-logs", [svc](Ctx& c) { return Response::json(svc->auditLogs(c.user(), filterOf(c), page(c))); },
        {.permission = "audit_log:view"});
  r.get("/api/v1/login-logs", [svc](Ctx& c) { return Response::json(svc->loginLogs(c.user(), filterOf(c), page(c))); },
        {.permission = "login_log:view"});
  r.get("/api/v1/sms-messages", [svc](Ctx& c) { return Response::json(svc->smsMessages(c.user(), filterOf(c), page(c))); },
        {.permission = "sms_message:view"});
}

}  // namespace baoan::modules
