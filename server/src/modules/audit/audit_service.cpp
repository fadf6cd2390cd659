#include "modules/audit/audit_service.h"

#include "core/clock.h"
#include "core/dictionaries.h"
#include "core/error.h"
#include "modules/audit/audit_log.h"

namespace baoan::audit {

using nlohmann::json;

namespace {
json optional(const std::optional<long long>& v) { return v ? json(*v) : json(nullptr); }
json optionalTime(const std::optional<long long>& v) { return v ? json(core::toIso(*v)) : json(nullptr); }

template <class T, class ToJson>
json pageJson(const LogPage<T>& page, const core::PageRequest& p, ToJson toJson) {
  json items = json::array();
  for (const auto& e : page.first) items.push_back(toJson(e));
  return {{"items", std::move(items)}, {"total", page.second}, {"page", p.page}, {"size", p.size}};
}
}  // namespace

void record(db::Conn& c, const core::Actor& a, const std::string& action, const std::string& targetType,
            const std::string& targetId, const std::string& summary) {
  AuditStore().insert(c, a, action, targetType, targetId, summary);
}

json AuditService::auditLogs(const core::Principal& p, const LogFilter& f, const core::PageRequest& page) {
  auto entries = ctx_.db.read([&](db::Conn& c) { return store_.auditLogs(c, f, p.scope, page); });
  return pageJson(entries, page, [](const AuditEntry& e) {
    return json{{"id", e.id},           {"at", core::toIso(e.at)}, {"userId", optional(e.userId)}, {"account", e.account},
                {"userName", e.userName}, {"ip", e.ip},              {"action", e.action},           {"targetType", e.targetType},
                {"targetId", e.targetId}, {"summary", e.summary},    {"requestId", e.requestId}};
  });
}

json AuditService::loginLogs(const core::Principal& p, const LogFilter& f, const core::PageRequest& page) {
  auto entries = ctx_.db.read([&](db::Conn& c) { return store_.loginLogs(c, f, p.scope, page); });
  return pageJson(entries, page, [](const LoginEntry& e) {
    return json{{"id", e.id},       {"at", core::toIso(e.at)}, {"account", e.account},     {"userId", optional(e.userId)},
                {"ip", e.ip},       {"userAgent", e.userAgent}, {"success", e.success},     {"reason", e.reason}};
  });
}

json AuditService::smsMessages(const core::Principal& p, const LogFilter& f, const core::PageRequest& page) {
  if (!f.status.empty() && !core::dictHas("smsStatuses", f.status))
    throw invalidField("status", "短信状态应为 queued、sending、sent 或 failed");
  auto entries = ctx_.db.read([&](db::Conn& c) { return store_.smsMessages(c, f, p.scope, page); });
  return pageJson(entries, page, [](const SmsEntry& e) {
    return json{{"id", e.id},
                {"at", core::toIso(e.at)},
                {"mobile", e.mobile},
                {"purpose", e.purpose},
                {"content", e.content},
                {"status", e.status},
                {"provider", e.provider},
                {"attempts", e.attempts},
                {"lastError", e.lastError ? json(*e.lastError) : json(nullptr)},
                {"sentAt", optionalTime(e.sentAt)}};
  });
}

}  // namespace baoan::audit
