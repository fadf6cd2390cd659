#include "modules/approval/delegation_service.h"

#include <algorithm>

#include "core/clock.h"
#include "core/error.h"
#include "core/form.h"
#include "core/validation.h"
#include "modules/audit/audit_log.h"

namespace baoan::approval {

using nlohmann::json;

namespace {
constexpr long long kMaxDays = 90;

std::string dateField(core::Form& form, const char* key, const char* label) {
  const std::string d = form.text(key, label, {true, 10});
  if (!d.empty() && !core::isValidDate(d)) form.errors().add(key, std::string(label) + "应为 YYYY-MM-DD 格式的日期");
  return d;
}

long long dayMs(const std::string& ymd) { return core::parseTime(ymd).value_or(0); }
}  // namespace

std::pair<long long, long long> delegationWindow(const std::string& startsOn, const std::string& endsOn, long long createdAt) {
  return {std::max(dayMs(startsOn), createdAt), dayMs(endsOn) + core::kDayMs};
}

bool arrivedDuring(const std::pair<long long, long long>& window, std::optional<long long> arrivedAt) {
  return arrivedAt && *arrivedAt >= window.first && *arrivedAt < window.second;
}

std::vector<ApprovalStore::Delegation> standingInFor(db::Conn& c, const ApprovalStore& store, long long deputyId) {
  return store.deputyFor(c, deputyId, core::toChinaDate(core::nowMs()));
}

json DelegationService::list(const core::Principal& p) {
  const std::string today = core::toChinaDate(core::nowMs());
  return ctx_.db.read([&](db::Conn& c) {
    json out = json::array();
    for (const auto& d : store_.delegationsOf(c, p.userId, today))
      out.push_back({{"id", d.id}, {"deputyId", d.deputyId}, {"deputyName", d.deputyName}, {"deputyOrgName", d.deputyOrgName},
                     {"from", d.startsOn}, {"to", d.endsOn}, {"active", d.startsOn <= today}});
    return out;
  });
}

json DelegationService::add(const core::Actor& a, const json& body) {
  FieldErrors errors;
  core::Form form(body, errors);
  const auto deputy = form.id("deputyId", "代理人", true);
  const std::string from = dateField(form, "from", "开始日期");
  const std::string to = dateField(form, "to", "结束日期");
  errors.throwIfAny();
  const std::string today = core::toChinaDate(core::nowMs());
  if (to < from) throw invalidField("to", "结束日期不能早于开始日期");
  if (to < today) throw invalidField("to", "结束日期不能早于今天");
  if ((dayMs(to) - dayMs(from)) / core::kDayMs + 1 > kMaxDays) throw invalidField("to", "委托期限最长" + std::to_string(kMaxDays) + "天");
  const long long id = ctx_.db.write([&](db::Conn& c) {
    bool shares = false;
    std::string deputyName;
    for (const auto& h : store_.sharingAPost(c, a.who.userId))
      if (h.id == *deputy) shares = true, deputyName = h.name;
    if (!shares) throw invalidField("deputyId", "代理人须是与您担任相同审批岗位的其他民警");
    for (const auto& d : store_.delegationsOf(c, a.who.userId, today))
      if (!(to < d.startsOn || d.endsOn < from))
        throw conflict("该时间段已委托" + d.deputyName + "(" + d.startsOn + " 至 " + d.endsOn + "),请先取消");
    const long long newId = store_.insertDelegation(c, a.who.userId, *deputy, from, to);
    audit::record(c, a, "create", "delegation", std::to_string(newId), "委托" + deputyName + "代为审批(" + from + " 至 " + to + ")");
    return newId;
  });
  for (auto& d : list(a.who))
    if (d["id"] == id) return d;
  return json::object();
}

void DelegationService::remove(const core::Actor& a, long long id) {
  ctx_.db.write([&](db::Conn& c) {
    if (!store_.deleteDelegation(c, a.who.userId, id)) throw notFound("委托不存在");
    audit::record(c, a, "delete", "delegation", std::to_string(id), "取消委托代为审批");
  });
}

json DelegationService::candidates(const core::Principal& p) {
  return ctx_.db.read([&](db::Conn& c) {
    json out = json::array();
    for (const auto& h : store_.sharingAPost(c, p.userId)) out.push_back({{"id", h.id}, {"name", h.name}, {"orgName", h.orgName}});
    return out;
  });
}

}  // namespace baoan::approval
