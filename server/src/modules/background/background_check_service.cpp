#include "modules/background/background_check_service.h"

#include <algorithm>
#include <atomic>
#include <map>
#include <stdexcept>
#include <system_error>
#include <thread>

#include "core/clock.h"
#include "core/validation.h"
#include "modules/audit/audit_log.h"
#include "modules/background/watch_drill.h"

namespace baoan::background {

using nlohmann::json;
namespace bc = background_check;

namespace {

std::shared_ptr<bc::Provider> configuredProvider(app::Context& ctx) {
  db::Database* db = &ctx.db;
  auto lookup = [db](const std::string& idNo) {
    return db->read([&](db::Conn& c) {
      // The drill mode (watch_drill.h): the lookup fails as an unreachable list would, the provider answers errors.
      if (drillFailsNow(c, idNo)) throw std::runtime_error("故障演练");
      return WatchListStore().hitsOf(c, idNo);
    });
  };
  return bc::makeProvider(ctx.config.backgroundCheck, lookup);
}

}  // namespace

BackgroundCheckService::BackgroundCheckService(app::Context& ctx) : ctx_(ctx), provider_(configuredProvider(ctx)) {}

BackgroundCheckService::BackgroundCheckService(app::Context& ctx, std::shared_ptr<bc::Provider> provider)
    : ctx_(ctx), provider_(std::move(provider)) {}

const std::vector<bc::Database>& BackgroundCheckService::databases() const { return ctx_.config.backgroundCheck.databases; }

std::vector<CheckResult> BackgroundCheckService::run(const core::Actor& a, const std::string& subjectKind, long long subjectId,
                                                     const std::vector<Person>& persons) {
  const auto& dbs = databases();
  // answers[person][database]
  std::vector<std::vector<bc::Answer>> answers(persons.size(), std::vector<bc::Answer>(dbs.size()));
  std::vector<bc::Person> people;
  std::vector<std::size_t> toAsk;  // persons with a valid ID number
  for (std::size_t i = 0; i < persons.size(); ++i) {
    people.push_back({core::upperAscii(core::trim(persons[i].idNo)), core::trim(persons[i].name)});
    if (auto e = core::checkIdNumber(people[i].idNo)) {
      for (auto& ans : answers[i]) ans = {bc::Result::error, "身份证号" + *e + ",无法审查"};
      continue;
    }
    toAsk.push_back(i);
  }
  const int parallel = std::max(1, provider_->concurrency());
  if (parallel == 1) {
    for (std::size_t i : toAsk) {
      std::vector<bc::Answer> got;
      try {
        got = provider_->checkAll(people[i], dbs);
      } catch (const std::exception&) {
        got.clear();
      }
      // A provider that threw or answered short leaves errors, never passes.
      for (std::size_t d = 0; d < dbs.size(); ++d)
        answers[i][d] = d < got.size() ? std::move(got[d]) : bc::Answer{bc::Result::error, "背景审查失败,请稍后重试"};
    }
  } else {
    // Each (person, database) is one request to a slow remote service: a few in flight at once.
    std::vector<std::pair<std::size_t, std::size_t>> tasks;
    for (std::size_t i : toAsk)
      for (std::size_t d = 0; d < dbs.size(); ++d) tasks.emplace_back(i, d);
    std::atomic<std::size_t> next{0};
    auto work = [&] {
      for (std::size_t t; (t = next.fetch_add(1)) < tasks.size();) {
        const auto [i, d] = tasks[t];
        try {
          answers[i][d] = provider_->check(people[i], dbs[d]);
        } catch (const std::exception&) {
          answers[i][d] = {bc::Result::error, "背景审查失败,请稍后重试"};
        }
      }
    };
    std::vector<std::thread> threads;
    const std::size_t n = std::min<std::size_t>(static_cast<std::size_t>(parallel), tasks.size());
    try {
      for (std::size_t k = 1; k < n; ++k) threads.emplace_back(work);
    } catch (const std::system_error&) {
      // No more threads to be had: the ones running (and this one) drain the tasks.
    }
    work();
    for (auto& th : threads) th.join();
  }

  const long long now = core::nowMs();
  std::vector<CheckResult> out;
  int passed = 0, hits = 0, errors = 0;
  for (std::size_t i = 0; i < persons.size(); ++i)
    for (std::size_t d = 0; d < dbs.size(); ++d) {
      const bc::Answer& ans = answers[i][d];
      (ans.result == bc::Result::pass ? passed : ans.result == bc::Result::hit ? hits : errors) += 1;
      out.push_back({dbs[d].code, dbs[d].name, people[i].idNo, people[i].name, persons[i].role, bc::resultCode(ans.result),
                     ans.detail, now, a.who.userId ? std::optional<long long>(a.who.userId) : std::nullopt, a.who.name});
    }
  ctx_.db.write([&](db::Conn& c) {
    for (const auto& r : out)
      store_.insert(c, {0, subjectKind, subjectId, r.database, r.idNo, r.name,
                        r.role.empty() ? std::nullopt : std::optional<std::string>(r.role), r.result, r.detail, r.checkedAt,
                        r.checkedBy, r.checkedByName});
    audit::record(c, a, "background_check", subjectKind, std::to_string(subjectId),
                  "背景审查 " + std::to_string(persons.size()) + " 人 × " + std::to_string(dbs.size()) + " 库:通过 " +
                      std::to_string(passed) + " 项,命中 " + std::to_string(hits) + " 项,错误 " + std::to_string(errors) + " 项");
  });
  return out;
}

CheckResult BackgroundCheckService::fromRow(const CheckRow& r) const {
  const bc::Database* d = bc::findDatabase(ctx_.config.backgroundCheck, r.database);
  return {r.database, d ? d->name : r.database, r.idNo, r.name, r.role.value_or(""), r.result, r.detail, r.checkedAt,
          r.checkedBy, r.checkedByName};
}

std::vector<CheckResult> BackgroundCheckService::latest(db::Conn& c, const std::string& subjectKind, long long subjectId) {
  const auto rows = store_.latest(c, subjectKind, subjectId);
  // Persons in the order they were first checked; databases in the configured order (others last).
  std::map<std::string, std::size_t> personOrder;
  for (const auto& r : rows) personOrder.emplace(r.idNo, personOrder.size());
  auto dbOrder = [&](const std::string& code) {
    const auto& dbs = databases();
    for (std::size_t i = 0; i < dbs.size(); ++i)
      if (dbs[i].code == code) return i;
    return dbs.size();
  };
  std::vector<CheckRow> sorted(rows.begin(), rows.end());
  std::stable_sort(sorted.begin(), sorted.end(), [&](const CheckRow& x, const CheckRow& y) {
    const auto px = personOrder[x.idNo], py = personOrder[y.idNo];
    if (px != py) return px < py;
    return dbOrder(x.database) < dbOrder(y.database);
  });
  std::vector<CheckResult> out;
  for (const auto& r : sorted) out.push_back(fromRow(r));
  return out;
}

std::vector<CheckResult> BackgroundCheckService::latest(const std::string& subjectKind, long long subjectId) {
  return ctx_.db.read([&](db::Conn& c) { return latest(c, subjectKind, subjectId); });
}

bool BackgroundCheckService::allPassed(db::Conn& c, const std::string& subjectKind, long long subjectId,
                                       const std::vector<Person>& persons) {
  if (persons.empty()) return false;
  std::map<std::pair<std::string, std::string>, const CheckRow*> latestOf;  // (ID number, database) → row
  const auto rows = store_.latest(c, subjectKind, subjectId);
  for (const auto& r : rows) latestOf[{r.idNo, r.database}] = &r;
  for (const auto& p : persons) {
    const std::string idNo = core::upperAscii(core::trim(p.idNo));
    const std::string name = core::trim(p.name);
    for (const auto& d : databases()) {
      auto it = latestOf.find({idNo, d.code});
      if (it == latestOf.end() || it->second->result != "pass" || it->second->name != name) return false;
    }
  }
  return true;
}

bool BackgroundCheckService::allPassed(const std::string& subjectKind, long long subjectId, const std::vector<Person>& persons) {
  return ctx_.db.read([&](db::Conn& c) { return allPassed(c, subjectKind, subjectId, persons); });
}

json BackgroundCheckService::checksJson(const std::vector<CheckResult>& checks, bool fullIdNumbers) {
  json items = json::array();
  for (const auto& r : checks)
    items.push_back({{"database", r.database},
                     {"databaseName", r.databaseName},
                     {"idNo", fullIdNumbers ? r.idNo : core::maskIdNumber(r.idNo)},
                     {"name", r.name},
                     {"result", r.result},
                     {"detail", r.detail},
                     {"checkedAt", core::toIso(r.checkedAt)},
                     {"checkedBy", r.checkedByName}});
  return {{"checks", std::move(items)}};
}

}  // namespace baoan::background
