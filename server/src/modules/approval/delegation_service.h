#pragma once
// Out-of-office delegation (issue 11): an officer names a deputy who holds one of their approval
// posts for a range of days. While it runs the deputy's 待办 holds what waits for the officer, the
// deputy may act on it, and the log shows "deputy(代officer)". The engine asks standsInFor().
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/context.h"
#include "core/principal.h"
#include "modules/approval/approval_store.h"

namespace baoan::approval {

class DelegationService {
 public:
  explicit DelegationService(app::Context& ctx) : ctx_(ctx) {}
  // The caller's delegations that have not ended: [{"id", "deputyId", "deputyName", "deputyOrgName", "from", "to", "active"}].
  nlohmann::json list(const core::Principal& p);
  // {"deputyId", "from", "to"}: dates YYYY-MM-DD, from ≤ to, not in the past, at most 90 days, not
  // overlapping another of the caller's.
  nlohmann::json add(const core::Actor& a, const nlohmann::json& body);
  void remove(const core::Actor& a, long long id);
  // Who may be named: officers holding one of the caller's approval posts.
  nlohmann::json candidates(const core::Principal& p);

 private:
  app::Context& ctx_;
  ApprovalStore store_;
};

// In the caller's transaction: the officers `deputyId` stands in for today.
std::vector<ApprovalStore::Delegation> standingInFor(db::Conn& c, const ApprovalStore& store, long long deputyId);

}  // namespace baoan::approval
