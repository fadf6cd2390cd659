#include "modules/audit/audit_log.h"

#include "core/clock.h"

namespace baoan::audit {

void record(db::Conn& c, const core::Actor& a, const std::string& action, const std::string& targetType,
            const std::string& targetId, const std::string& summary) {
  c.exec(db::Query(
      "INSERT INTO audit_logs (at, user_id, account, user_name, org_path, ip, action, target_type, target_id, summary, "
      "request_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      core::nowMs(), a.who.userId, a.who.account, a.who.name, a.who.orgPath, a.ip, action, targetType, targetId,
      summary, a.requestId));
}

}  // namespace baoan::audit
