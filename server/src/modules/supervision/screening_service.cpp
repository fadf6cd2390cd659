#include "modules/supervision/screening_service.h"

#include <map>

#include "core/clock.h"
#include "core/validation.h"

namespace baoan::supervision {

using nlohmann::json;
namespace bc = background_check;

namespace {
constexpr const char* kCheckedBy = "背景筛查";
}  // namespace

BatchSummary ScreeningService::screenBatch(long long nowMs) {
  BatchSummary sum;
  if (!ctx_.db.read([&](db::Conn& c) { return store_.anyDue(c, nowMs); })) return sum;
  const auto claimed = ctx_.db.write([&](db::Conn& c) {
    return store_.claim(c, nowMs, settings_.batchSize, nowMs + settings_.leaseMs);
  });
  sum.claimed = static_cast<int>(claimed.size());
  if (claimed.empty()) return sum;

  // The changes of each guard; a guard's leaving alone needs no check.
  std::map<long long, std::vector<const DueChange*>> byGuard;
  for (const auto& d : claimed) byGuard[d.guardId].push_back(&d);
  std::vector<long long> toCheck;
  std::vector<long long> noCheck;  // change ids marked screened as they are
  for (const auto& [guardId, changes] : byGuard) {
    bool needs = false;
    for (const auto* d : changes) needs = needs || d->change != "leave";
    if (needs) toCheck.push_back(guardId);
    else for (const auto* d : changes) noCheck.push_back(d->id);
  }
  const auto guards = ctx_.db.read([&](db::Conn& c) { return store_.guards(c, toCheck); });

  // The provider's answers, outside any transaction.
  const auto& dbs = checks_.databases();
  struct Outcome {
    const ScreenedGuard* guard;
    std::vector<background::CheckResult> results;
    bool anyError = false;
    std::string error;
  };
  std::vector<Outcome> outcomes;
  outcomes.reserve(guards.size());
  for (const auto& g : guards) {
    Outcome o{&g, {}, false, {}};
    std::vector<bc::Answer> answers;
    if (auto e = core::checkIdNumber(g.idNo)) {
      answers.assign(dbs.size(), bc::Answer{bc::Result::error, "身份证号" + *e + ",无法审查"});
    } else {
      try {
        answers = checks_.provider().checkAll({g.idNo, g.name}, dbs);
      } catch (const std::exception&) {
        answers.clear();
      }
    }
    const long long at = core::nowMs();
    for (std::size_t i = 0; i < dbs.size(); ++i) {
      // A provider that threw or answered short leaves errors, never passes.
      const bc::Answer a = i < answers.size() ? answers[i] : bc::Answer{bc::Result::error, "背景审查失败,请稍后重试"};
      if (a.result == bc::Result::error) {
        o.anyError = true;
        if (o.error.empty()) o.error = dbs[i].name + ":" + a.detail;
      }
      o.results.push_back({dbs[i].code, dbs[i].name, g.idNo, g.name, "保安员", bc::resultCode(a.result), a.detail, at,
                           std::nullopt, kCheckedBy});
    }
    outcomes.push_back(std::move(o));
  }

  ctx_.db.write([&](db::Conn& c) {
    const long long now = core::nowMs();
    std::vector<long long> done = noCheck;
    std::map<long long, const Outcome*> outcomeOf;
    for (const auto& o : outcomes) outcomeOf[o.guard->id] = &o;
    for (long long guardId : toCheck) {
      const auto it = outcomeOf.find(guardId);
      if (it == outcomeOf.end()) {  // the guard is gone: nothing to screen
        for (const auto* d : byGuard[guardId]) done.push_back(d->id);
        continue;
      }
      const Outcome& o = *it->second;
      // Every answer kept per guard and database (the background module's results, subject "guard").
      for (const auto& r : o.results)
        results_.insert(c, {0, "guard", guardId, r.database, r.idNo, r.name, r.role, r.result, r.detail, r.checkedAt, std::nullopt,
                            r.checkedByName});
      // A hit is a hit even when another database failed to answer (that one is asked again).
      json report = json::array();
      std::string reason, codes;
      for (const auto& r : o.results) {
        if (r.result != "hit") continue;
        report.push_back({{"database", r.database}, {"databaseName", r.databaseName}, {"detail", r.detail},
                          {"checkedAt", core::toIso(r.checkedAt)}});
        reason += (reason.empty() ? "" : ";") + r.detail;
        codes += (codes.empty() ? "" : ",") + r.database;
      }
      if (!report.empty() && flagged_.upsertHit(c, {guardId, o.guard->idNo, o.guard->name, reason, codes, report.dump()}, now))
        ++sum.flagged;
      for (const auto* d : byGuard[guardId]) {
        if (!o.anyError) {
          done.push_back(d->id);
          continue;
        }
        const int attempts = d->attempts + 1;
        store_.markFailed(c, d->id, attempts, nextAttemptAt(now, attempts, settings_.retryBaseMs, settings_.retryMaxMs), o.error);
        ++sum.failed;
      }
    }
    store_.markScreened(c, done, now);
    sum.screened = static_cast<int>(done.size());
  });
  return sum;
}

BatchSummary ScreeningService::screenAllDue() {
  BatchSummary total;
  for (;;) {
    const auto s = screenBatch(core::nowMs());
    total.claimed += s.claimed;
    total.screened += s.screened;
    total.failed += s.failed;
    total.flagged += s.flagged;
    if (s.claimed == 0 || s.screened == 0) return total;
  }
}

json ScreeningService::status() {
  const auto n = ctx_.db.read([&](db::Conn& c) { return store_.counts(c); });
  return {{"pending", n.pending}, {"done", n.done}, {"errors", n.errors}};
}

}  // namespace baoan::supervision
