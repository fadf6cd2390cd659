#pragma once
// SQL of the three logs of 系统管理 (§2.4): 操作日志 (audit_logs), 登录日志 (login_logs) and 短信记录
// (sms_messages, the SMS outbox). Each row keeps the org path of the person concerned, which scopes it.
#include <optional>
#include <string>
#include <vector>

#include "core/data_scope.h"
#include "core/form.h"
#include "core/principal.h"
#include "db/db.h"

namespace baoan::audit {

// Filters of the log lists; empty = not filtering.
struct LogFilter {
  std::optional<long long> from, to;  // epoch ms, inclusive
  std::string account;                // contains (operation and login logs)
  std::string action, targetType;     // exact (operation log)
  std::optional<bool> success;        // login log
  std::string mobile;                 // contains (SMS)
  std::string purpose, status;        // exact (SMS)
};

struct AuditEntry {
  long long id = 0, at = 0;
  std::optional<long long> userId;
  std::string account, userName, ip, action, targetType, targetId, summary, requestId;
};

struct LoginEntry {
  long long id = 0, at = 0;
  std::optional<long long> userId;
  std::string account, ip, userAgent, reason;
  bool success = false;
};

struct SmsEntry {
  long long id = 0, at = 0, attempts = 0;
  std::string mobile, purpose, content, status, provider;
  std::optional<std::string> lastError;
  std::optional<long long> sentAt;
};

template <class T>
using LogPage = std::pair<std::vector<T>, long long>;  // the page's entries, newest first, and the total

class AuditStore {
 public:
  void insert(db::Conn& c, const core::Actor& a, const std::string& action, const std::string& targetType,
              const std::string& targetId, const std::string& summary);
  LogPage<AuditEntry> auditLogs(db::Conn& c, const LogFilter& f, const core::DataScope& scope, const core::PageRequest& page);
  LogPage<LoginEntry> loginLogs(db::Conn& c, const LogFilter& f, const core::DataScope& scope, const core::PageRequest& page);
  LogPage<SmsEntry> smsMessages(db::Conn& c, const LogFilter& f, const core::DataScope& scope, const core::PageRequest& page);
};

}  // namespace baoan::audit
