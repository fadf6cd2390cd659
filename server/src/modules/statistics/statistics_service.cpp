#include "modules/statistics/statistics_service.h"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>
#include <vector>

#include "core/catalog.h"
#include "core/clock.h"
#include "core/error.h"
#include "core/regions.h"
#include "modules/approval/workflow.h"
#include "modules/audit/audit_log.h"
#include "modules/exam/registration_status.h"
#include "modules/statistics/stats_rules.h"

namespace baoan::statistics {

using nlohmann::json;

namespace {

json orNull(const std::optional<double>& v) { return v ? json(*v) : json(nullptr); }

std::string regionName(const std::string& code) {
  const auto* r = core::RegionTable::instance().find(code);
  return r ? r->name : code;
}

// The region a figure is grouped under: one level below the page's region; a row of the page's
// region itself (a case filed at the city) stays under it.
std::string groupOf(const Period& p, const std::string& selected, const std::string& code) {
  auto child = childRegion(p.regionPrefix, code);
  return child.empty() ? selected : child;
}

// The counters of one row of the approval tables.
struct CaseTally {
  long long received = 0, decided = 0, approved = 0, rejected = 0, refused = 0, returned = 0, withdrawn = 0, correction = 0, inProgress = 0;
  long long timed = 0, daysSum = 0, daysMax = 0, onTimeLegal = 0, onTimePromised = 0;
  json toJson() const {
    return {{"received", received},
            {"decided", decided},
            {"approved", approved},
            {"rejected", rejected},
            {"refused", refused},
            {"returned", returned},
            {"withdrawn", withdrawn},
            {"inProgress", inProgress},
            {"passRate", orNull(rate(approved, decided))},
            {"avgWorkingDays", orNull(mean(daysSum, timed))},
            {"maxWorkingDays", timed ? json(daysMax) : json(nullptr)},
            {"onTimeRate", orNull(rate(onTimeLegal, timed))},
            {"promisedOnTimeRate", orNull(rate(onTimePromised, timed))}};
  }
};

struct StepTally {
  std::string name;
  long long received = 0, decided = 0, approved = 0, inProgress = 0;
  long long timed = 0, daysSum = 0, daysMax = 0, onTimeLegal = 0, onTimePromised = 0;
};

bool isOpenCase(const std::string& s) { return s == "submitted" || s == "in_review" || s == "paused" || s == "correction"; }

// Closed pauses (特别程序) of a case as the engine keeps them: [[from, to], …].
std::vector<core::Pause> pausesOf(const std::string& text) {
  std::vector<core::Pause> out;
  if (text.empty() || text == "[]") return out;  // most cases: nothing to parse
  auto j = json::parse(text, nullptr, false);
  if (!j.is_array()) return out;
  for (const auto& p : j)
    if (p.is_array() && p.size() == 2 && p[0].is_number_integer())
      out.push_back({p[0].get<long long>(), p[1].is_number_integer() ? std::optional<std::int64_t>(p[1].get<long long>()) : std::nullopt});
  return out;
}

const std::vector<std::string>& pipeline() {
  static const std::vector<std::string> s = {"background_check", "pending_payment", "pending_exam", "scheduled", "passed", "failed",
                                             "pending_certificate", "certifying", "certified", "rejected", "cancelled"};
  return s;
}
bool examined(const std::string& s) { return s == "passed" || s == "failed" || s == "pending_certificate" || s == "certifying" || s == "certified"; }
bool passedExam(const std::string& s) { return s == "passed" || s == "pending_certificate" || s == "certifying" || s == "certified"; }

long long parseDayParam(const std::string& text, const char* field, const char* label, bool end) {
  auto d = core::parseDate(text);
  if (!d) throw invalidField(field, std::string(label) + "格式应为 YYYY-MM-DD");
  return end ? core::dayEndMs(*d) : core::dayStartMs(*d);
}

}  // namespace

StatisticsService::Resolved StatisticsService::resolve(db::Conn& c, const core::Principal& p, const StatsQuery& q, bool needsDates) {
  Resolved r;
  // The period: the last 12 months (from the first day of the month 11 months ago) unless given.
  const long long now = core::nowMs();
  const auto today = core::chinaDay(now);
  r.period.toMs = q.to.empty() ? core::dayEndMs(today) : parseDayParam(q.to, "to", "结束日期", true);
  if (q.from.empty()) {
    const std::string ym = monthOf(core::dayStartMs(today));
    int y = std::stoi(ym.substr(0, 4)), m = std::stoi(ym.substr(5, 2)) - 11;
    if (m <= 0) m += 12, --y;
    char buf[48];
    std::snprintf(buf, sizeof buf, "%04d-%02d-01", y, m);
    r.period.fromMs = core::dayStartMs(*core::parseDate(buf));
  } else {
    r.period.fromMs = parseDayParam(q.from, "from", "开始日期", false);
  }
  if (needsDates && r.period.fromMs > r.period.toMs) throw invalidField("to", "结束日期不能早于开始日期");
  if (needsDates && r.period.toMs - r.period.fromMs > 5LL * 366 * 24 * 3600 * 1000) throw invalidField("from", "统计时段不能超过5年");
  // The region: the caller's own unless given; at or below it.
  const std::string own = store_.orgRegion(c, p.orgId);
  r.regionCode = q.regionCode.empty() ? (own.empty() ? std::string("610000") : own) : q.regionCode;
  if (!core::RegionTable::instance().find(r.regionCode)) throw invalidField("regionCode", "所属区域不存在:" + r.regionCode);
  if (!p.scope.all && !own.empty()) {
    const std::string mine = regionPrefix(own);
    if (r.regionCode.compare(0, mine.size(), mine) != 0) throw forbidden("所选区域超出您的管辖范围(" + regionName(own) + ")");
  }
  r.regionName = regionName(r.regionCode);
  r.period.regionPrefix = regionPrefix(r.regionCode);
  return r;
}

json StatisticsService::approvals(const core::Principal& p, const StatsQuery& q) {
  if (!q.businessType.empty() && !core::findBusinessType(q.businessType)) throw invalidField("businessType", "业务类型不存在:" + q.businessType);
  return ctx_.db.read([&](db::Conn& c) {
    const Resolved r = resolve(c, p, q, true);
    const auto cal = calendar_.current(c);
    const std::optional<std::string> type = q.businessType.empty() ? std::nullopt : std::optional<std::string>(q.businessType);

    std::map<long long, std::vector<approval::Step>> chains;  // by workflow version
    auto chainOf = [&](long long versionId) -> const std::vector<approval::Step>& {
      auto it = chains.find(versionId);
      if (it == chains.end()) {
        std::vector<approval::Step> steps;
        try {
          steps = approval::readSteps(json::parse(store_.chainSteps(c, versionId)));
        } catch (const std::exception&) {
        }
        it = chains.emplace(versionId, std::move(steps)).first;
      }
      return it->second;
    };

    CaseTally total;
    std::map<std::string, CaseTally> byType, byRegion, byMonth;
    std::map<std::string, std::map<int, StepTally>> steps;  // type → step index → tally
    // Per case the rows it counts in, looked up once per region / submission day rather than per case.
    std::unordered_map<std::string, CaseTally*> regionRow;
    std::unordered_map<std::string, std::pair<const std::string*, CaseTally*>> typeRow;  // → (the key of byType, its row)
    std::unordered_map<core::DayNumber, CaseTally*> dayRow;
    struct CaseRef {
      const std::string* type;  // the key of byType
      long long versionId;
    };
    std::unordered_map<long long, CaseRef> caseInfo;  // id → its type and chain
    // Per step, from the engine's log: the working days a step took are those its last action logged
    // (the largest), decided by its last approve / reject / refuse in the log's order.
    struct LogRow {
      long long caseId, logId;
      int stepIndex;
      long long days;
      char action;  // 'a' approve, 'j' reject, 'f' refuse, 0 other
    };
    std::vector<LogRow> log;
    for (const auto& m : monthsBetween(r.period.fromMs, r.period.toMs)) byMonth[m];
    // Working days by prefix sums over the period and up to today (a case decided later than the
    // period's end still counts its whole handling time).
    const WorkingDayCounter days(*cal, core::chinaDay(r.period.fromMs), std::max(core::chinaDay(r.period.toMs), core::chinaDay(core::nowMs())) + 1);
    store_.cases(c, p.scope, r.period, type, [&](const CaseFact& f) {
      auto typeIt = typeRow.find(f.businessType);
      if (typeIt == typeRow.end()) {
        auto node = byType.try_emplace(f.businessType).first;
        typeIt = typeRow.emplace(f.businessType, std::make_pair(&node->first, &node->second)).first;
      }
      CaseTally* byTypeRow = typeIt->second.second;
      caseInfo[f.id] = {typeIt->second.first, f.workflowVersionId};
      const auto& chain = chainOf(f.workflowVersionId);
      auto regionIt = regionRow.find(f.regionCode);
      if (regionIt == regionRow.end()) regionIt = regionRow.emplace(f.regionCode, &byRegion[groupOf(r.period, r.regionCode, f.regionCode)]).first;
      const core::DayNumber day = core::chinaDay(f.submittedAt);
      auto dayIt = dayRow.find(day);
      if (dayIt == dayRow.end()) dayIt = dayRow.emplace(day, &byMonth[monthOf(f.submittedAt)]).first;
      CaseTally* rows[] = {&total, byTypeRow, regionIt->second, dayIt->second};
      const bool decided = f.status == "granted" || f.status == "rejected" || f.status == "refused";
      std::optional<long long> took;
      int legal = 0, promised = 0;
      if (decided && f.decidedAt) {
        took = days.handlingDays(f.submittedAt, *f.decidedAt, pausesOf(f.pauses));
        for (const auto& s : chain) legal += s.legalDays, promised += s.promisedDays;
      }
      const bool granted = f.status == "granted", rejected = f.status == "rejected", refused = f.status == "refused",
                 returned = f.status == "returned", withdrawn = f.status == "withdrawn", open = isOpenCase(f.status);
      for (auto* t : rows) {
        ++t->received;
        if (decided) ++t->decided;
        if (granted) ++t->approved;
        if (rejected) ++t->rejected;
        if (refused) ++t->refused;
        if (returned) ++t->returned;
        if (withdrawn) ++t->withdrawn;
        if (open) ++t->inProgress;
        if (took) {
          ++t->timed;
          t->daysSum += *took;
          t->daysMax = std::max(t->daysMax, *took);
          if (legal > 0 && onTime(*took, legal, f.extensionDays)) ++t->onTimeLegal;
          if (promised > 0 && onTime(*took, promised, f.extensionDays)) ++t->onTimePromised;
        }
      }
      // 在办 by step (8.1.2): where the open case waits.
      if (open && f.stepIndex) {
        auto& st = steps[f.businessType][*f.stepIndex];
        ++st.inProgress;
        ++st.received;
        if (st.name.empty() && *f.stepIndex >= 0 && *f.stepIndex < static_cast<int>(chain.size())) st.name = chain[static_cast<std::size_t>(*f.stepIndex)].name;
      }
    }, [&](const StepFact& s) {
      const char a = s.action == "approve" ? 'a' : s.action == "reject" ? 'j' : s.action == "refuse" ? 'f' : 0;
      log.push_back({s.caseId, s.logId, s.stepIndex, s.workingDays, a});
    });
    std::sort(log.begin(), log.end(), [](const LogRow& x, const LogRow& y) {
      return x.caseId != y.caseId ? x.caseId < y.caseId : x.stepIndex != y.stepIndex ? x.stepIndex < y.stepIndex : x.logId < y.logId;
    });
    for (std::size_t i = 0; i < log.size();) {
      const long long caseId = log[i].caseId;
      const int stepIndex = log[i].stepIndex;
      long long took = 0;
      char action = 0;
      for (; i < log.size() && log[i].caseId == caseId && log[i].stepIndex == stepIndex; ++i) {
        took = std::max(took, log[i].days);
        if (log[i].action) action = log[i].action;
      }
      const auto info = caseInfo.find(caseId);
      if (info == caseInfo.end()) continue;
      const auto& chain = chainOf(info->second.versionId);
      auto& st = steps[*info->second.type][stepIndex];
      const approval::Step* def = stepIndex >= 0 && stepIndex < static_cast<int>(chain.size()) ? &chain[static_cast<std::size_t>(stepIndex)] : nullptr;
      if (st.name.empty() && def) st.name = def->name;
      if (!action) continue;  // still at that step: counted as in progress above
      ++st.received;
      ++st.decided;
      if (action == 'a') ++st.approved;
      ++st.timed;
      st.daysSum += took;
      st.daysMax = std::max(st.daysMax, took);
      if (def && def->legalDays > 0 && onTime(took, def->legalDays, 0)) ++st.onTimeLegal;
      if (def && def->promisedDays > 0 && onTime(took, def->promisedDays, 0)) ++st.onTimePromised;
    }

    json types = json::array();
    for (const auto& bt : core::businessTypes()) {
      const std::string code(bt.code);
      if (type && *type != code) continue;
      CaseTally t = byType.count(code) ? byType[code] : CaseTally{};
      json row = t.toJson();
      row["businessType"] = code;
      row["name"] = std::string(bt.name);
      json stepRows = json::array();
      for (const auto& [index, st] : steps[code])
        stepRows.push_back({{"stepIndex", index},
                            {"name", st.name},
                            {"received", st.received},
                            {"decided", st.decided},
                            {"approved", st.approved},
                            {"inProgress", st.inProgress},
                            {"avgWorkingDays", orNull(mean(st.daysSum, st.timed))},
                            {"maxWorkingDays", st.timed ? json(st.daysMax) : json(nullptr)},
                            {"onTimeRate", orNull(rate(st.onTimeLegal, st.timed))},
                            {"promisedOnTimeRate", orNull(rate(st.onTimePromised, st.timed))}});
      row["steps"] = std::move(stepRows);
      types.push_back(std::move(row));
    }
    json regions = json::array();
    for (const auto& [code, t] : byRegion) {
      json row = t.toJson();
      row["regionCode"] = code;
      row["name"] = regionName(code);
      regions.push_back(std::move(row));
    }
    json months = json::array();
    for (const auto& [m, t] : byMonth) {
      json row = t.toJson();
      row["month"] = m;
      months.push_back(std::move(row));
    }
    return json{{"from", core::formatDate(core::chinaDay(r.period.fromMs))},
                {"to", core::formatDate(core::chinaDay(r.period.toMs))},
                {"regionCode", r.regionCode},
                {"regionName", r.regionName},
                {"total", total.toJson()},
                {"types", std::move(types)},
                {"regions", std::move(regions)},
                {"months", std::move(months)}};
  });
}

json StatisticsService::examRegistrations(const core::Principal& p, const StatsQuery& q) {
  return ctx_.db.read([&](db::Conn& c) {
    const Resolved r = resolve(c, p, q, true);
    std::map<std::string, long long> byStatus;
    struct RegionTally {
      long long registered = 0, examined = 0, passed = 0, certified = 0;
    };
    std::map<std::string, RegionTally> byRegion;
    RegionTally sum;
    std::map<std::string, std::pair<long long, long long>> byMonth;  // month → (registered, certificates issued)
    for (const auto& m : monthsBetween(r.period.fromMs, r.period.toMs)) byMonth[m];
    long long total = 0;
    store_.registrations(c, p.scope, r.period, [&](const RegistrationFact& f) {
      ++total;
      ++byStatus[f.status];
      ++byMonth[monthOf(f.createdAt)].first;
      for (auto* t : {&sum, &byRegion[groupOf(r.period, r.regionCode, f.householdRegion)]}) {
        ++t->registered;
        if (examined(f.status)) ++t->examined;
        if (passedExam(f.status)) ++t->passed;
        if (f.status == "certified") ++t->certified;
      }
    });
    long long issued = 0;
    store_.certificatesIssued(c, p.scope, r.period, [&](const std::string& issuedOn) {
      const auto m = monthOfDate(issuedOn);
      if (m.empty()) return;
      ++issued;
      ++byMonth[m].second;
    });
    auto regionRow = [](const RegionTally& t) {
      return json{{"registered", t.registered}, {"examined", t.examined}, {"passed", t.passed},
                  {"passRate", orNull(rate(t.passed, t.examined))}, {"certified", t.certified}};
    };
    json statuses = json::array();
    for (const auto& s : pipeline()) statuses.push_back({{"status", s}, {"name", exam::registrationStatusName(s)}, {"count", byStatus[s]}});
    json months = json::array();
    for (const auto& [m, v] : byMonth) months.push_back({{"month", m}, {"registered", v.first}, {"certificatesIssued", v.second}});
    json regions = json::array();
    for (const auto& [code, t] : byRegion) {
      json row = regionRow(t);
      row["regionCode"] = code;
      row["name"] = regionName(code);
      regions.push_back(std::move(row));
    }
    return json{{"from", core::formatDate(core::chinaDay(r.period.fromMs))},
                {"to", core::formatDate(core::chinaDay(r.period.toMs))},
                {"regionCode", r.regionCode},
                {"regionName", r.regionName},
                {"householdRegion", r.period.regionPrefix},
                {"total", total},
                {"certificatesIssued", issued},
                {"summary", regionRow(sum)},
                {"statuses", std::move(statuses)},
                {"months", std::move(months)},
                {"regions", std::move(regions)}};
  });
}

json StatisticsService::companyInitialization(const core::Principal& p, const StatsQuery& q) {
  return ctx_.db.read([&](db::Conn& c) {
    const Resolved r = resolve(c, p, q, false);
    std::map<std::string, std::pair<long long, long long>> byRegion;  // (total, initialized)
    long long total = 0, initialized = 0;
    store_.companies(c, p.scope, r.period.regionPrefix, [&](const CompanyFact& f) {
      auto& t = byRegion[groupOf(r.period, r.regionCode, f.regionCode)];
      ++total, ++t.first;
      if (f.initialized) ++initialized, ++t.second;
    });
    auto row = [](long long n, long long init) {
      return json{{"total", n}, {"initialized", init}, {"notInitialized", n - init}, {"initializedRate", orNull(rate(init, n))}};
    };
    json regions = json::array();
    for (const auto& [code, t] : byRegion) {
      json x = row(t.first, t.second);
      x["regionCode"] = code;
      x["name"] = regionName(code);
      regions.push_back(std::move(x));
    }
    json out = row(total, initialized);
    out["regionCode"] = r.regionCode;
    out["regionName"] = r.regionName;
    out["regionPrefix"] = r.period.regionPrefix;
    out["regions"] = std::move(regions);
    return out;
  });
}

json StatisticsService::guardAnalysis(const core::Principal& p, const StatsQuery& q) {
  return ctx_.db.read([&](db::Conn& c) {
    const Resolved r = resolve(c, p, q, true);
    const std::string fromDate = core::formatDate(core::chinaDay(r.period.fromMs)), toDate = core::formatDate(core::chinaDay(r.period.toMs));
    struct Tally {
      long long employed = 0, newHires = 0, leavers = 0, certified = 0, realName = 0, app = 0;
    };
    Tally sum;
    std::map<std::string, Tally> byRegion;
    std::map<std::string, std::pair<long long, long long>> byMonth;
    for (const auto& m : monthsBetween(r.period.fromMs, r.period.toMs)) byMonth[m];
    store_.guardTallies(c, p.scope, r.period.regionPrefix, fromDate, toDate, [&](const GuardTally& g) {
      for (auto* t : {&sum, &byRegion[groupOf(r.period, r.regionCode, g.regionCode)]}) {
        t->employed += g.employed;
        t->certified += g.certified;
        t->realName += g.realNameVerified;
        t->app += g.appInitialized;
        t->newHires += g.newHires;
        t->leavers += g.leavers;
      }
    });
    store_.guardMonths(c, p.scope, r.period.regionPrefix, fromDate, toDate, [&](const GuardMonths& m) {
      if (!m.hireMonth.empty()) byMonth[m.hireMonth].first += m.count;
      if (!m.leaveMonth.empty()) byMonth[m.leaveMonth].second += m.count;
    });
    auto row = [](const Tally& t) {
      return json{{"employed", t.employed},
                  {"newHires", t.newHires},
                  {"leavers", t.leavers},
                  {"certified", t.certified},
                  {"certifiedRate", orNull(rate(t.certified, t.employed))},
                  {"realNameVerified", t.realName},
                  {"realNameRate", orNull(rate(t.realName, t.employed))},
                  {"appInitialized", t.app},
                  {"appInitializedRate", orNull(rate(t.app, t.employed))}};
    };
    json regions = json::array();
    for (const auto& [code, t] : byRegion) {
      json x = row(t);
      x["regionCode"] = code;
      x["name"] = regionName(code);
      regions.push_back(std::move(x));
    }
    json months = json::array();
    for (const auto& [m, v] : byMonth) months.push_back({{"month", m}, {"newHires", v.first}, {"leavers", v.second}});
    json out = row(sum);
    out["from"] = fromDate;
    out["to"] = toDate;
    out["regionCode"] = r.regionCode;
    out["regionName"] = r.regionName;
    out["regions"] = std::move(regions);
    out["months"] = std::move(months);
    return out;
  });
}

modules::ExportFile StatisticsService::exportTable(const core::Actor& a, const std::string& kind, const StatsQuery& q) {
  using io::ColumnKind;
  using Cols = std::vector<modules::ExportColumn>;
  json data;
  json rows = json::array();
  std::string title;
  Cols cols;
  auto pct = [](const char* key, const char* header) { return modules::ExportColumn{key, header, ColumnKind::decimal, 12}; };
  auto num = [](const char* key, const char* header) { return modules::ExportColumn{key, header, ColumnKind::integer, 10}; };
  if (kind == "approvals") {
    data = approvals(a.who, q);
    title = "审批情况分析";
    cols = {{"name", "业务类型", ColumnKind::text, 28}, num("received", "收件数"), num("decided", "办结数"), num("approved", "通过数"),
            num("rejected", "不予许可数"), num("refused", "不予受理数"), num("returned", "退回数"), num("withdrawn", "撤回数"),
            num("inProgress", "在办数"), pct("passRate", "通过率"), {"avgWorkingDays", "平均办理工作日", ColumnKind::decimal, 14},
            num("maxWorkingDays", "最长办理工作日"), pct("onTimeRate", "法定时限按期率"), pct("promisedOnTimeRate", "承诺时限按期率")};
    rows = data["types"];
  } else if (kind == "exam-registrations") {
    data = examRegistrations(a.who, q);
    title = "考试报名数据统计";
    cols = {{"name", "区域", ColumnKind::text, 20}, num("registered", "报名人数"), num("examined", "参考人数"), num("passed", "合格人数"),
            pct("passRate", "通过率"), num("certified", "已制证人数")};
    rows = data["regions"];
  } else if (kind == "companies-initialization") {
    data = companyInitialization(a.who, q);
    title = "保安服务公司分析";
    cols = {{"name", "区域", ColumnKind::text, 20}, num("total", "公司总数"), num("initialized", "已初始化"), num("notInitialized", "未初始化"),
            pct("initializedRate", "初始化率")};
    rows = data["regions"];
  } else {
    data = guardAnalysis(a.who, q);
    title = "保安员分析";
    cols = {{"name", "区域", ColumnKind::text, 20}, num("employed", "在职保安员"), num("newHires", "新增"), num("leavers", "离职"),
            num("certified", "持证人数"), pct("certifiedRate", "持证占比"), num("realNameVerified", "实名认证人数"), pct("realNameRate", "实名认证占比"),
            num("appInitialized", "App已初始化"), pct("appInitializedRate", "App初始化占比")};
    rows = data["regions"];
  }
  auto file = modules::exportXlsx(title, cols, [&](const auto& sink) {
    for (const auto& row : rows) sink(row);
  });
  ctx_.db.write([&](db::Conn& c) {
    audit::record(c, a, "export", "statistics", "",
                  "导出" + title + " " + std::to_string(file.rows) + " 行(区域:" + data.value("regionName", std::string()) + ")");
  });
  return file;
}

}  // namespace baoan::statistics
