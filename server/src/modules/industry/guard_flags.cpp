#include "modules/industry/guard_flags.h"

namespace baoan::industry {

using db::Query;

namespace {
constexpr const char* kFlaggedAmong = "SELECT guard_id FROM flagged_persons WHERE state <> 'false_positive' AND guard_id IN ";
constexpr const char* kFlagsOf =
    "SELECT id, state, reason, flagged_at FROM flagged_persons WHERE guard_id = ? AND state <> 'false_positive' ORDER BY id";
}  // namespace

std::set<long long> flaggedGuards(db::Conn& c, const std::vector<GuardRow>& rows) {
  std::set<long long> out;
  std::vector<long long> ids;
  for (const auto& g : rows) ids.push_back(g.id);
  if (ids.empty()) return out;
  for (const auto& r : c.query(Query(kFlaggedAmong).appendIdList(ids))) out.insert(r.i64("guard_id"));
  return out;
}

std::vector<GuardFlag> guardFlags(db::Conn& c, long long guardId) {
  std::vector<GuardFlag> out;
  for (const auto& r : c.query(Query(kFlagsOf, guardId))) out.push_back({r.i64("id"), r.str("state"), r.str("reason"), r.i64("flagged_at")});
  return out;
}

}  // namespace baoan::industry
