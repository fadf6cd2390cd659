#include "modules/audit/audit_store.h"

#include "core/clock.h"
#include "db/scope_sql.h"

namespace baoan::audit {

using db::Query;

namespace {
// Each log row is scoped by the org of the person it concerns.
constexpr db::ScopedTable kAuditLogs{"audit_logs", "l"};
constexpr db::ScopedTable kLoginLogs{"login_logs", "l"};
constexpr db::ScopedTable kSmsMessages{"sms_messages", "l"};

// The named queries of this store.
constexpr const char* kInsert =
    "INSERT INTO audit_logs (at, user_id, account, user_name, org_path, ip, action, target_type, target_id, summary, "
    "request_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr const char* kAuditColumns = "l.id, l.at, l.user_id, l.account, l.user_name, l.ip, l.action, l.target_type, "
                                      "l.target_id, l.summary, l.request_id";
constexpr const char* kLoginColumns = "l.id, l.at, l.account, l.user_id, l.ip, l.user_agent, l.success, l.reason";
// The outbox as the relay left it (adapters/sms): no row holds a provider's secret.
constexpr const char* kSmsColumns =
    "l.id, l.at, l.mobile, l.purpose, l.content, l.status, l.provider, l.attempts, l.last_error, l.sent_at";
constexpr const char* kNewestFirst = " ORDER BY l.at DESC, l.id DESC LIMIT ? OFFSET ?";

// The conditions every log shares: the scope and the time range.
Query commonWhere(const db::ScopedTable& t, const LogFilter& f, const core::DataScope& scope) {
  Query where(" WHERE ");
  where.add(db::inScope(t, scope));
  if (f.from) where.append(" AND l.at >= ?", *f.from);
  if (f.to) where.append(" AND l.at <= ?", *f.to);
  return where;
}

void contains(Query& where, const char* column, const std::string& v) {
  if (!v.empty()) where.append(std::string(" AND l.") + column + " LIKE ? ESCAPE '\\'", db::likeContains(v));
}

void equals(Query& where, const char* column, const std::string& v) {
  if (!v.empty()) where.append(std::string(" AND l.") + column + " = ?", v);
}

template <class T, class Map>
LogPage<T> page(db::Conn& c, const db::ScopedTable& t, const char* columns, const Query& where, const core::PageRequest& p,
                Map map) {
  const long long total = c.scalar(Query(std::string("SELECT COUNT(*) FROM ") + t.table + " l").add(where));
  std::vector<T> items;
  for (const auto& r : c.query(Query(std::string("SELECT ") + columns + " FROM " + t.table + " l")
                                   .add(where)
                                   .append(kNewestFirst, p.size, p.offset())))
    items.push_back(map(r));
  return {std::move(items), total};
}
}  // namespace

void AuditStore::insert(db::Conn& c, const core::Actor& a, const std::string& action, const std::string& targetType,
                        const std::string& targetId, const std::string& summary) {
  c.exec(Query(kInsert, core::nowMs(), a.who.userId, a.who.account, a.who.name, a.who.orgPath, a.ip, action, targetType,
               targetId, summary, a.requestId));
}

LogPage<AuditEntry> AuditStore::auditLogs(db::Conn& c, const LogFilter& f, const core::DataScope& scope,
                                          const core::PageRequest& p) {
  Query where = commonWhere(kAuditLogs, f, scope);
  contains(where, "account", f.account);
  equals(where, "action", f.action);
  equals(where, "target_type", f.targetType);
  return page<AuditEntry>(c, kAuditLogs, kAuditColumns, where, p, [](const db::Row& r) {
    return AuditEntry{r.i64("id"),         r.i64("at"),          r.optI64("user_id"), r.str("account"),
                      r.str("user_name"),  r.str("ip"),          r.str("action"),     r.str("target_type"),
                      r.str("target_id"),  r.str("summary"),     r.str("request_id")};
  });
}

LogPage<LoginEntry> AuditStore::loginLogs(db::Conn& c, const LogFilter& f, const core::DataScope& scope,
                                          const core::PageRequest& p) {
  Query where = commonWhere(kLoginLogs, f, scope);
  contains(where, "account", f.account);
  if (f.success) where.append(" AND l.success = ?", *f.success);
  return page<LoginEntry>(c, kLoginLogs, kLoginColumns, where, p, [](const db::Row& r) {
    return LoginEntry{r.i64("id"), r.i64("at"), r.optI64("user_id"), r.str("account"), r.str("ip"),
                      r.str("user_agent"), r.str("reason"), r.boolean("success")};
  });
}

LogPage<SmsEntry> AuditStore::smsMessages(db::Conn& c, const LogFilter& f, const core::DataScope& scope,
                                          const core::PageRequest& p) {
  Query where = commonWhere(kSmsMessages, f, scope);
  contains(where, "mobile", f.mobile);
  equals(where, "purpose", f.purpose);
  equals(where, "status", f.status);
  return page<SmsEntry>(c, kSmsMessages, kSmsColumns, where, p, [](const db::Row& r) {
    return SmsEntry{r.i64("id"),      r.i64("at"),          r.i64("attempts"), r.str("mobile"),        r.str("purpose"),
                    r.str("content"), r.str("status"),      r.str("provider"), r.optStr("last_error"), r.optI64("sent_at")};
  });
}

}  // namespace baoan::audit
