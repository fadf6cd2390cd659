#include "app/seed_history.h"

#include <map>
#include <nlohmann/json.hpp>
#include <vector>

#include "core/clock.h"
#include "core/working_calendar.h"
#include "crypto/crypto.h"
#include "modules/approval/workflow.h"
#include "modules/certificates/certificate_number.h"
#include "modules/number_sequence.h"

namespace baoan::app {

namespace {

using db::Query;
using nlohmann::json;

constexpr const char* kChain = "SELECT id, steps FROM workflow_versions WHERE business_type = ? ORDER BY version DESC LIMIT 1";
constexpr const char* kCounties =
    "SELECT region_code, path, name FROM orgs WHERE type IN ('district_bureau', 'county_bureau') AND region_code LIKE '6104%' ORDER BY region_code";
constexpr const char* kCityOrg = "SELECT id, name FROM orgs WHERE type = 'city_bureau' AND region_code = '610400'";
constexpr const char* kApplicants =
    "SELECT u.id AS user_id, c.id, c.name, c.credit_code, c.region_code FROM companies c JOIN users u ON u.company_id = c.id "
    "WHERE c.region_code LIKE '6104%' ORDER BY c.id DESC LIMIT 40";
constexpr const char* kStations = "SELECT DISTINCT household_region, org_path, photo_file_id FROM exam_registrations ORDER BY household_region";
constexpr const char* kInsertCase =
    "INSERT INTO applications (case_no, business_type, workflow_version_id, status, applicant_user_id, applicant_company_id, applicant_name, "
    "applicant_code, region_code, form, submitted_at, accepted_at, decided_at, public_reason, org_path, created_at, updated_at, key_value, last_action_by) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '{}', ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr const char* kSetCaseNo = "UPDATE applications SET case_no = ? WHERE id = ?";
constexpr const char* kInsertLog =
    "INSERT INTO application_log (application_id, at, user_id, user_name, org_name, post, step_index, step_name, action, action_name, "
    "opinion, working_days, natural_days) VALUES (?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr const char* kInsertRegistration =
    "INSERT INTO exam_registrations (application_id, status, attempt, id_no, name, gender, birth_date, ethnicity, education, household_region, "
    "household_address, current_address, mobile, photo_file_id, city_code, registered_by_user_id, registered_by_kind, org_path, created_at, updated_at) "
    "VALUES (?, ?, 1, ?, ?, ?, ?, '汉族', 'senior', ?, ?, ?, ?, ?, '610400', ?, 'company', ?, ?, ?)";
constexpr const char* kInsertCertificate =
    "INSERT INTO certificates (number, registration_id, id_no, name, gender, issuing_org_id, issuing_org_name, issued_on, status, verify_token, "
    "org_path, created_at, updated_at, printed_at, print_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'valid', ?, ?, ?, ?, ?, 1)";
constexpr const char* kSetCertificate = "UPDATE exam_registrations SET certificate_id = ? WHERE id = ?";

const char* kSeedHistorySurnames[] = {"张", "王", "李", "赵", "刘", "陈", "杨", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭"};
const char* kSeedHistoryGiven[] = {"立新", "海峰", "建军", "晓东", "志刚", "文博", "国庆", "振华", "红军", "永强", "新民", "春生"};

// A deterministic spread: the same history on every seed.
unsigned mix(unsigned a, unsigned b) { return (a * 2654435761u) ^ (b * 40503u + 0x9e3779b9u); }

std::string idCheck(const std::string& first17) {
  static const int w[] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  static const char* codes = "10X98765432";
  int s = 0;
  for (int i = 0; i < 17; ++i) s += (first17[static_cast<std::size_t>(i)] - '0') * w[i];
  return first17 + codes[s % 11];
}

struct Walk {
  std::string status;  // granted | rejected | refused | returned | withdrawn
  long long submittedAt = 0;
  std::optional<long long> acceptedAt, decidedAt;
  long long updatedAt = 0;
};

}  // namespace

HistorySummary seedDemoHistory(db::Database& db) {
  HistorySummary out;
  db.write([&](db::Conn& c) {
    const core::WorkingCalendar cal;  // weekends; the durations the stats page recomputes use the calendar in force
    const long long now = core::nowMs();
    const core::DayNumber today = core::chinaDay(now);
    std::vector<std::tuple<std::string, std::string, std::string>> counties;  // region, path, name
    for (const auto& r : c.query(Query(kCounties))) counties.emplace_back(r.str("region_code"), r.str("path"), r.str("name"));
    const auto city = c.queryOne(Query(kCityOrg));
    struct Applicant {
      long long userId, companyId;
      std::string name, code, region;
    };
    std::vector<Applicant> applicants;
    for (const auto& r : c.query(Query(kApplicants)))
      applicants.push_back({r.i64("user_id"), r.i64("id"), r.str("name"), r.str("credit_code"), r.str("region_code")});
    if (counties.empty() || !city || applicants.empty()) return;
    std::map<std::string, std::string> countyPath;
    for (const auto& [region, path, name] : counties) countyPath[region] = path;

    // One closed case walked through its chain, every step logged with the working days it took.
    auto walk = [&](const std::string& type, long long versionId, const std::vector<approval::Step>& steps, const Applicant& who,
                    const std::string& region, const std::string& orgPath, long long submittedAt, const std::string& status, unsigned seed,
                    const std::string& keyValue) {
      Walk w{status, submittedAt, std::nullopt, std::nullopt, submittedAt};
      struct LogRow {
        long long at;
        int step;
        std::string action, actionName, opinion;
        long long days, natural;
      };
      std::vector<LogRow> log;
      long long t = submittedAt;
      auto actAfter = [&](int days) {
        const core::DayNumber d = cal.addWorkingDays(core::chinaDay(t), days);
        return core::dayStartMs(d) + (9 + static_cast<int>(mix(seed, static_cast<unsigned>(days)) % 8)) * 3600LL * 1000;
      };
      auto step = [&](int i, const std::string& action, const std::string& name, const std::string& opinion, int days) {
        const long long at = actAfter(days);
        const auto took = cal.duration(t, at, {});
        log.push_back({at, i, action, name, opinion, took.workingDays, took.naturalDays});
        return at;
      };
      if (status == "withdrawn") {
        const long long at = t + 26 * 3600LL * 1000;
        log.push_back({at, -1, "withdraw", "撤回申请", "", 0, 0});
        w.updatedAt = at;
      } else if (status == "refused") {
        const long long at = step(0, "refuse", "不予受理", "申请材料不齐全且逾期未补正。", 2 + static_cast<int>(seed % 3));
        w.decidedAt = at;
        w.updatedAt = at;
      } else {
        const long long accepted = step(0, "accept", "受理", "材料齐全,予以受理。", 1 + static_cast<int>(seed % 2));
        w.acceptedAt = accepted;
        const int last = static_cast<int>(steps.size()) - 1;
        const int stop = status == "returned" ? std::min(1, last) : last;
        for (int i = 0; i <= stop; ++i) {
          const auto& s = steps[static_cast<std::size_t>(i)];
          // Mostly within the promised limit, now and then beyond it (the on-time rate is not 100 %).
          const int limit = std::max(1, s.promisedDays);
          int days = 1 + static_cast<int>(mix(seed, static_cast<unsigned>(i)) % static_cast<unsigned>(limit));
          if (mix(seed + 7, static_cast<unsigned>(i)) % 9 == 0) days = limit + 1 + static_cast<int>(seed % 3);
          const bool end = i == stop;
          std::string action = "approve", name = "同意", opinion = "经审查,符合规定,同意。";
          if (end && status == "rejected") action = "reject", name = "不同意", opinion = "经审查,不符合规定条件。";
          if (end && status == "returned") action = "send-back", name = "退回", opinion = "申请材料与实际不符,退回申请人。";
          const long long at = step(i, action, name, opinion, days);
          t = at;
          if (end) w.updatedAt = at;
          if (end && (status == "granted" || status == "rejected")) w.decidedAt = at;
        }
      }
      if (w.updatedAt > now) return std::optional<long long>();  // a month not over yet: only what has happened
      const std::optional<std::string> reason =
          status == "rejected" ? std::optional<std::string>("经审查,不符合规定条件。") : status == "refused" ? std::optional<std::string>("申请材料不齐全。") : std::nullopt;
      const long long id = c.insert(Query(kInsertCase, std::optional<std::string>(), type, versionId, status, who.userId,
                                          std::optional<long long>(who.companyId), who.name, who.code, region, submittedAt, w.acceptedAt,
                                          w.decidedAt, reason, orgPath, submittedAt, w.updatedAt, keyValue, std::optional<long long>()));
      char no[40];
      std::snprintf(no, sizeof no, "BA%s%08lld", core::toChinaDate(submittedAt).substr(0, 4).c_str(), id);
      c.exec(Query(kSetCaseNo, std::string(no), id));
      for (const auto& l : log) {
        const approval::Step* s = l.step >= 0 && l.step < static_cast<int>(steps.size()) ? &steps[static_cast<std::size_t>(l.step)] : nullptr;
        c.exec(Query(kInsertLog, id, l.at, l.step >= 0 ? std::string("咸阳市公安局") : who.name, l.step >= 0 ? std::string("咸阳市公安局") : std::string("申请人"),
                     s ? std::optional<std::string>(s->post) : std::nullopt, l.step >= 0 ? std::optional<long long>(l.step) : std::nullopt,
                     s ? std::optional<std::string>(s->name) : std::nullopt, l.action, l.actionName,
                     l.opinion.empty() ? std::nullopt : std::optional<std::string>(l.opinion),
                     l.step >= 0 ? std::optional<long long>(l.days) : std::nullopt, l.step >= 0 ? std::optional<long long>(l.natural) : std::nullopt));
      }
      ++out.cases;
      return std::optional<long long>(id);
    };

    auto chainOf = [&](const std::string& type) {
      auto r = c.queryOne(Query(kChain, type));
      std::pair<long long, std::vector<approval::Step>> ch{0, {}};
      if (r) ch = {r->i64("id"), approval::readSteps(json::parse(r->str("steps")))};
      return ch;
    };
    // The month `monthsAgo` before this one, day `day` (1…28), 09:00–17:00 China time.
    auto dayIn = [&](int monthsAgo, int day, unsigned seed) {
      const std::string ym = core::formatDate(today).substr(0, 7);
      int y = std::stoi(ym.substr(0, 4)), m = std::stoi(ym.substr(5, 2)) - monthsAgo;
      while (m <= 0) m += 12, --y;
      char buf[48];  // room for any int the format could print (GCC checks it under -O1)
      std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, day);
      return core::dayStartMs(*core::parseDate(buf)) + (9 + static_cast<long long>(seed % 8)) * 3600LL * 1000;
    };
    auto statusOf = [](unsigned v) {
      const unsigned p = v % 100;
      return p < 70 ? "granted" : p < 78 ? "rejected" : p < 85 ? "refused" : p < 92 ? "returned" : "withdrawn";
    };

    // 许可, 备案, 变更: a few cases of each type a month, more in spring (年报) and autumn.
    const std::vector<std::pair<std::string, int>> types = {{"company_licence", 2}, {"licence_change", 2}, {"branch_filing", 2},
                                                             {"cross_region_filing", 3}, {"inhouse_filing", 2}, {"annual_report", 4}};
    unsigned seq = 0;
    for (const auto& [type, base] : types) {
      const auto [versionId, steps] = chainOf(type);
      if (!versionId || steps.empty()) continue;
      for (int monthsAgo = 11; monthsAgo >= 1; --monthsAgo) {
        const int n = base + static_cast<int>(mix(static_cast<unsigned>(monthsAgo), static_cast<unsigned>(base)) % 3) +
                      (type == "annual_report" && (monthsAgo % 12 == 8 || monthsAgo % 12 == 9) ? 6 : 0);
        for (int i = 0; i < n; ++i, ++seq) {
          const Applicant& who = applicants[seq % applicants.size()];
          const auto pathIt = countyPath.find(who.region.substr(0, 6));
          const std::string orgPath = pathIt != countyPath.end() ? pathIt->second : std::get<1>(counties.front());
          const unsigned v = mix(seq, 17);
          walk(type, versionId, steps, who, who.region, orgPath, dayIn(monthsAgo, 1 + static_cast<int>(v % 27), v), statusOf(v), v, who.name);
        }
      }
    }

    // Exam registrations of the past year, all closed: 已制证 (with the 保安员证), 不合格, 审查不通过, 已取消.
    struct Station {
      std::string town, path, photo;
    };
    std::vector<Station> stations;
    for (const auto& r : c.query(Query(kStations))) stations.push_back({r.str("household_region"), r.str("org_path"), r.str("photo_file_id")});
    const auto [examVersion, examSteps] = chainOf("exam_registration");
    if (stations.empty() || !examVersion) return;
    const long long cityId = city->i64("id");
    const std::string cityName = city->str("name");
    unsigned person = 0;
    for (int monthsAgo = 11; monthsAgo >= 1; --monthsAgo) {
      const int n = 6 + static_cast<int>(mix(static_cast<unsigned>(monthsAgo), 3u) % 7) + (monthsAgo % 4 == 2 ? 5 : 0);
      for (int i = 0; i < n; ++i, ++person) {
        const Station& st = stations[person % stations.size()];
        const Applicant& by = applicants[(person * 7) % applicants.size()];
        const unsigned v = mix(person, 91);
        const unsigned p = v % 100;
        const std::string regStatus = p < 58 ? "certified" : p < 78 ? "failed" : p < 88 ? "rejected" : "cancelled";
        const std::string caseStatus = regStatus == "rejected" ? "rejected" : regStatus == "cancelled" ? "withdrawn" : "granted";
        const long long at = dayIn(monthsAgo, 1 + static_cast<int>(v % 25), v);
        const std::string county = st.town.substr(0, 6);
        char first17[24];
        std::snprintf(first17, sizeof first17, "%s19%02u%02u%02u%03u", county.c_str(), 70 + person % 25, 1 + person % 12, 1 + person % 28,
                      500 + person % 500);
        const std::string idNo = idCheck(first17);
        const std::string name = std::string(kSeedHistorySurnames[person % 16]) + kSeedHistoryGiven[(person / 16 + person) % 12];
        const std::string gender = ((first17[16] - '0') % 2) ? "male" : "female";
        const auto caseId = walk("exam_registration", examVersion, examSteps, by, st.town, st.path, at, caseStatus, v, name);
        if (!caseId) continue;
        const std::string birth = std::string(first17 + 6, 4) + "-" + std::string(first17 + 10, 2) + "-" + std::string(first17 + 12, 2);
        // The pipeline went on for weeks after the checks: the exam, then the 保安员证.
        const long long closedAt = std::min(now - 3600LL * 1000, at + (regStatus == "certified" ? 40LL : 25LL) * 86400LL * 1000);
        const long long regId = c.insert(Query(kInsertRegistration, *caseId, regStatus, idNo, name, gender, birth, st.town,
                                               "咸阳市" + std::string("民主路") + std::to_string(person) + "号", "咸阳市人民路" + std::to_string(person) + "号",
                                               "137" + std::to_string(29400000 + person), st.photo, by.userId, st.path, at, closedAt));
        ++out.registrations;
        if (regStatus != "certified") continue;
        const int year = core::yearOf(core::chinaDay(closedAt));
        const auto prefix = certificates::cityPrefixOf(st.town);
        if (!prefix) continue;
        const long long n = modules::nextInSequence(c, certificates::sequenceKey(*prefix), year);
        const long long certId =
            c.insert(Query(kInsertCertificate, certificates::formatNumber(*prefix, year, n), regId, idNo, name, gender, cityId, cityName,
                           core::formatDate(core::chinaDay(closedAt)), crypto::randomToken(24), st.path, closedAt, closedAt, closedAt));
        c.exec(Query(kSetCertificate, certId, regId));
        ++out.certificates;
      }
    }
  });
  return out;
}

void seedDemoPromisedLimits(db::Database& db) {
  db.write([](db::Conn& c) {
    for (const char* type : {"licence_change", "branch_filing", "inhouse_filing", "certificate_issuance"}) {
      const auto r = c.queryOne(Query("SELECT version, steps FROM workflow_versions WHERE business_type = ? ORDER BY version DESC LIMIT 1", std::string(type)));
      if (!r) continue;
      json steps = json::parse(r->str("steps"));
      for (auto& st : steps) {
        const int legal = st.value("legalDays", 0);
        st["promisedDays"] = std::max(1, legal * 2 / 3);  // two thirds of the legal limit, at least a day
      }
      c.exec(Query("INSERT INTO workflow_versions (business_type, version, steps, created_at, created_by) VALUES (?, ?, ?, ?, NULL)",
                   std::string(type), r->i64("version") + 1, steps.dump(), core::nowMs()));
    }
  });
}

void spreadDemoCertificateCases(db::Database& db) {
  db.write([](db::Conn& c) {
    const core::WorkingCalendar cal;  // weekends, as the history above
    constexpr long long kHour = 3600LL * 1000;
    std::vector<long long> ids;
    for (const auto& r : c.query(Query("SELECT id FROM applications WHERE business_type = 'certificate_issuance' AND decided_at IS NOT NULL ORDER BY id")))
      ids.push_back(r.i64("id"));
    unsigned k = 0;
    for (const long long id : ids) {
      ++k;
      struct Entry {
        long long id, at;
        std::optional<long long> step;
        std::string action;
      };
      std::vector<Entry> log;
      for (const auto& r : c.query(Query("SELECT id, at, step_index, action FROM application_log WHERE application_id = ? ORDER BY id", id)))
        log.push_back({r.i64("id"), r.i64("at"), r.optI64("step_index"), r.str("action")});
      if (log.empty()) continue;
      const long long decided = log.back().at;
      // The decision stays where it is; each earlier entry 1–3 working days before the next one.
      std::vector<long long> at(log.size());
      at.back() = decided;
      for (std::size_t i = log.size() - 1; i-- > 0;) {
        const int back = 1 + static_cast<int>(mix(k, static_cast<unsigned>(i)) % 3);
        core::DayNumber d = core::chinaDay(at[i + 1]);
        for (int n = 0; n < back;) {
          --d;
          if (cal.isWorkingDay(d)) ++n;
        }
        at[i] = core::dayStartMs(d) + (9 + static_cast<long long>(mix(k + 3, static_cast<unsigned>(i)) % 7)) * kHour;
      }
      const long long submitted = at.front();
      for (std::size_t i = 0; i < log.size(); ++i) {
        std::optional<long long> days, natural;
        if (log[i].step && i > 0) {
          const auto took = cal.duration(at[i - 1], at[i], {});
          days = took.workingDays;
          natural = took.naturalDays;
        }
        c.exec(Query("UPDATE application_log SET at = ? WHERE id = ?", at[i], log[i].id));
        if (days) c.exec(Query("UPDATE application_log SET working_days = ?, natural_days = ? WHERE id = ?", *days, *natural, log[i].id));
      }
      c.exec(Query("UPDATE applications SET submitted_at = ?, created_at = ? WHERE id = ?", submitted, submitted, id));
      c.exec(Query("UPDATE applications SET accepted_at = ? WHERE id = ? AND accepted_at IS NOT NULL", submitted, id));
      c.exec(Query("UPDATE applications SET step_arrived_at = ? WHERE id = ? AND step_arrived_at IS NOT NULL",
                   at.size() > 1 ? at[at.size() - 2] : submitted, id));
    }
  });
}

}  // namespace baoan::app
