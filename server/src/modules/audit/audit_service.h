#pragma once
// The logs of 系统管理 (§2.4): read-only lists in the caller's data scope, newest first. Recording an
// operation is audit::record (audit_log.h), which every service calls inside its own transaction.
#include <nlohmann/json.hpp>

#include "app/context.h"
#include "modules/audit/audit_store.h"

namespace baoan::audit {

class AuditService {
 public:
  explicit AuditService(app::Context& ctx) : ctx_(ctx) {}
  nlohmann::json auditLogs(const core::Principal& p, const LogFilter& f, const core::PageRequest& page);
  nlohmann::json loginLogs(const core::Principal& p, const LogFilter& f, const core::PageRequest& page);
  // Refuses a status that is not one of the outbox's (422 naming status).
  nlohmann::json smsMessages(const core::Principal& p, const LogFilter& f, const core::PageRequest& page);

 private:
  app::Context& ctx_;
  AuditStore store_;
};

}  // namespace baoan::audit
