#pragma once
// Out-of-office delegation (issue 11): an officer names a deputy who holds one of their approval
// posts for a range of days. Cases arriving at the officer's step during that range go to the deputy:
// they are in the deputy's 待办 (not the officer's), the deputy acts on them and the log shows
// "deputy(代officer)"; they stay with the deputy after the range ends. Cases already waiting when it
// starts stay with the officer. Cancelling a delegation hands its cases back to the officer.
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

// The arrival times a delegation covers, epoch ms: from the start of `startsOn` (China time) — but
// never before it was made, `createdAt`: what waited then was already the officer's — to the end of `endsOn`.
std::pair<long long, long long> delegationWindow(const std::string& startsOn, const std::string& endsOn, long long createdAt);
inline std::pair<long long, long long> delegationWindow(const ApprovalStore::Delegation& d) {
  return delegationWindow(d.startsOn, d.endsOn, d.createdAt);
}
// Whether a case that arrived at its step at `arrivedAt` goes to the deputy of that delegation.
bool arrivedDuring(const std::pair<long long, long long>& window, std::optional<long long> arrivedAt);

// In the caller's transaction: the delegations naming `deputyId` that have started by today (the
// deputy holds what arrived during each).
std::vector<ApprovalStore::Delegation> standingInFor(db::Conn& c, const ApprovalStore& store, long long deputyId);

}  // namespace baoan::approval
