// 操作日志, 登录日志 and 短信记录: three read-only logs with one shape — filters, the caller's data
// scope (by the org of the person concerned), newest first, paged.
#include "db/scope_sql.h"
#include "modules/registry.h"
#include "modules/route_util.h"

namespace baoan::modules {

using http::Ctx;
using http::Response;
using nlohmann::json;

namespace {

struct LogSpec {
  std::string table;
  std::string columns;  // selected columns, in the order `toJson` reads them
  std::function<void(Ctx&, db::Query&)> filters;
  std::function<json(const db::Row&)> toJson;
};

json listLog(app::Context& ctx, Ctx& c, const LogSpec& spec) {
  const auto p = page(c);
  db::Query where(" WHERE ");
  db::appendScope(where, c.user().scope, "org_path");
  if (auto from = dayStart(c, "from", "开始日期")) where.append(" AND at >= ?", *from);
  if (auto to = dayEnd(c, "to", "结束日期")) where.append(" AND at <= ?", *to);
  spec.filters(c, where);
  return ctx.db.read([&](db::Conn& conn) {
    const long long total = conn.scalar(db::Query("SELECT COUNT(*) FROM " + spec.table).add(where));
    json items = json::array();
    for (const auto& r : conn.query(db::Query("SELECT " + spec.columns + " FROM " + spec.table)
                                        .add(where)
                                        .append(" ORDER BY at DESC, id DESC LIMIT ? OFFSET ?", p.size, p.offset())))
      items.push_back(spec.toJson(r));
    return pageJson(std::move(items), total, p);
  });
}

void likeFilter(Ctx& c, db::Query& q, const std::string& param, const std::string& column) {
  const std::string v = c.req.q(param);
  if (!v.empty()) q.append(" AND " + column + " LIKE ? ESCAPE '\\'", db::likeContains(v));
}

void exactFilter(Ctx& c, db::Query& q, const std::string& param, const std::string& column) {
  const std::string v = c.req.q(param);
  if (!v.empty()) q.append(" AND " + column + " = ?", v);
}

json optionalId(const db::Row& r, std::size_t i) { return r.optI64(i) ? json(*r.optI64(i)) : json(nullptr); }

}  // namespace

void registerAuditRoutes(http::Router& r, app::Context& ctx) {
  auto audit = std::make_shared<LogSpec>(LogSpec{
      "audit_logs", "id, at, user_id, account, user_name, ip, action, target_type, target_id, summary, request_id",
      [](Ctx& c, db::Query& q) {
        likeFilter(c, q, "account", "account");
        exactFilter(c, q, "action", "action");
        exactFilter(c, q, "targetType", "target_type");
      },
      [](const db::Row& row) {
        return json{{"id", row.i64(0)},      {"at", core::toIso(row.i64(1))}, {"userId", optionalId(row, 2)},
                    {"account", row.str(3)}, {"userName", row.str(4)},        {"ip", row.str(5)},
                    {"action", row.str(6)},  {"targetType", row.str(7)},      {"targetId", row.str(8)},
                    {"summary", row.str(9)}, {"requestId", row.str(10)}};
      }});
  r.get("/api/v1/audit-logs", [&ctx, audit](Ctx& c) { return Response::json(listLog(ctx, c, *audit)); },
        {.permission = "audit_log:view"});

  auto logins = std::make_shared<LogSpec>(LogSpec{
      "login_logs", "id, at, account, user_id, ip, user_agent, success, reason",
      [](Ctx& c, db::Query& q) {
        likeFilter(c, q, "account", "account");
        const std::string s = c.req.q("success");
        if (s == "true" || s == "false") q.append(" AND success = ?", s == "true");
        else if (!s.empty()) throw invalidField("success", "登录结果应为 true 或 false");
      },
      [](const db::Row& row) {
        return json{{"id", row.i64(0)}, {"at", core::toIso(row.i64(1))}, {"account", row.str(2)},
                    {"userId", optionalId(row, 3)}, {"ip", row.str(4)}, {"userAgent", row.str(5)},
                    {"success", row.boolean(6)}, {"reason", row.str(7)}};
      }});
  r.get("/api/v1/login-logs", [&ctx, logins](Ctx& c) { return Response::json(listLog(ctx, c, *logins)); },
        {.permission = "login_log:view"});

  // The outbox as the relay left it (adapters/sms): never the provider's secrets, which no row holds.
  auto sms = std::make_shared<LogSpec>(LogSpec{
      "sms_messages", "id, at, mobile, purpose, content, status, provider, attempts, last_error, sent_at",
      [](Ctx& c, db::Query& q) {
        likeFilter(c, q, "mobile", "mobile");
        exactFilter(c, q, "purpose", "purpose");
        const std::string s = c.req.q("status");
        if (!s.empty() && s != "queued" && s != "sending" && s != "sent" && s != "failed")
          throw invalidField("status", "短信状态应为 queued、sending、sent 或 failed");
        exactFilter(c, q, "status", "status");
      },
      [](const db::Row& row) {
        return json{{"id", row.i64(0)},
                    {"at", core::toIso(row.i64(1))},
                    {"mobile", row.str(2)},
                    {"purpose", row.str(3)},
                    {"content", row.str(4)},
                    {"status", row.str(5)},
                    {"provider", row.str(6)},
                    {"attempts", row.i64(7)},
                    {"lastError", row.optStr(8) ? json(*row.optStr(8)) : json(nullptr)},
                    {"sentAt", row.optI64(9) ? json(core::toIso(*row.optI64(9))) : json(nullptr)}};
      }});
  r.get("/api/v1/sms-messages", [&ctx, sms](Ctx& c) { return Response::json(listLog(ctx, c, *sms)); },
        {.permission = "sms_message:view"});
}

}  // namespace baoan::modules
