#include "modules/calendar/calendar_service.h"

#include <algorithm>
#include <map>
#include <set>

#include "core/clock.h"
#include "core/error.h"
#include "modules/audit/audit_log.h"

namespace baoan::calendar {

using nlohmann::json;

namespace {
constexpr int kMinYear = 2000;
constexpr int kMaxYear = 2100;

json daysJson(int year, const std::vector<core::CalendarEntry>& entries) {
  json days = json::array();
  for (const auto& e : entries) days.push_back({{"date", e.date}, {"kind", e.kind}, {"name", e.name}});
  return {{"year", year}, {"days", days}};
}

std::string kindName(const std::string& kind) { return kind == "workday" ? "调休上班" : "节假日"; }
}  // namespace

const core::FormSpec& calendarDayForm() {
  static const core::FormSpec f{"CalendarDay", {{"name", "名称", {true, 20}}}};
  return f;
}

int CalendarService::parseYear(const std::string& text, bool required) {
  const std::string rule = "年份应为" + std::to_string(kMinYear) + "到" + std::to_string(kMaxYear) + "之间的整数";
  if (text.empty()) {
    if (required) throw AppError(400, "bad_request", rule, {{"year", rule}});
    return core::yearOf(core::chinaDay(core::nowMs()));
  }
  const bool digits = text.size() == 4 && text.find_first_not_of("0123456789") == std::string::npos;
  const int y = digits ? std::stoi(text) : 0;
  if (y < kMinYear || y > kMaxYear) throw AppError(400, "bad_request", rule, {{"year", rule}});
  return y;
}

void CalendarService::install(std::shared_ptr<const core::WorkingCalendar> cal, long long revision) {
  std::lock_guard lock(mu_);
  // Two edits may finish out of order: keep the newer.
  if (snapshot_ && revision < revision_) return;
  snapshot_ = std::move(cal);
  revision_ = revision;
  checkedAt_ = core::nowMs();
}

void CalendarService::reload(db::Conn& c) {
  const long long rev = store_.revision(c);
  install(std::make_shared<const core::WorkingCalendar>(core::WorkingCalendar::fromEntries(store_.all(c))), rev);
}

std::shared_ptr<const core::WorkingCalendar> CalendarService::current(db::Conn& c) {
  const std::int64_t now = core::nowMs();
  long long known;
  {
    std::lock_guard lock(mu_);
    if (snapshot_ && now - checkedAt_ < kRecheckMs) return snapshot_;
    known = snapshot_ ? revision_ : -1;
  }
  if (store_.revision(c) == known) {
    std::lock_guard lock(mu_);
    checkedAt_ = now;
    return snapshot_;
  }
  reload(c);
  std::lock_guard lock(mu_);
  return snapshot_;
}

std::shared_ptr<const core::WorkingCalendar> CalendarService::current() {
  {
    std::lock_guard lock(mu_);
    if (snapshot_) return snapshot_;
  }
  return ctx_.db.read([&](db::Conn& c) { return current(c); });
}

json CalendarService::year(int year) {
  return ctx_.db.read([&](db::Conn& c) { return daysJson(year, store_.ofYear(c, year)); });
}

std::vector<core::CalendarEntry> CalendarService::readDays(int year, const json& body) {
  FieldErrors errors;
  if (!body.contains("days") || body.at("days").is_null()) {
    errors.add("days", "请填写日历的日期列表(days)");
    errors.throwIfAny();
  }
  const json& days = body.at("days");
  if (!days.is_array()) {
    errors.addTypeError("days", "日期列表(days)格式错误,应为数组");
    errors.throwIfAny();
  }
  if (days.size() > 366) throw invalidField("days", "一年最多 366 天");
  std::vector<core::CalendarEntry> out;
  std::set<std::string> seen;
  const std::string yearText = std::to_string(year);
  for (std::size_t i = 0; i < days.size(); ++i) {
    const std::string at = "days[" + std::to_string(i) + "]";
    const std::string row = "第" + std::to_string(i + 1) + "行";
    const json& item = days[i];
    if (!item.is_object()) {
      errors.addTypeError(at, row + "格式错误,应为对象");
      continue;
    }
    // Each field read under its full name (days[3].name) so that the 422 names the row.
    auto field = [&](const char* key) {
      json one = json::object();
      if (item.contains(key)) one[at + "." + key] = item.at(key);
      return one;
    };
    const json dateBody = field("date"), kindBody = field("kind"), nameBody = field("name");
    core::Form dateForm(dateBody, errors), kindForm(kindBody, errors), nameForm(nameBody, errors);
    const auto& nameSpec = calendarDayForm()["name"];
    core::CalendarEntry e;
    e.date = dateForm.text(at + ".date", row + "日期", {true, 10});
    e.kind = kindForm.text(at + ".kind", row + "类型", {true, 10});
    if (!e.date.empty() && !errors.has(at + ".date")) {
      const auto day = core::parseDate(e.date);
      if (!day) errors.add(at + ".date", row + "日期不是有效日期,应为 YYYY-MM-DD");
      else if (e.date.compare(0, 4, yearText) != 0) errors.add(at + ".date", row + "日期不在 " + yearText + " 年内");
      else if (!seen.insert(e.date).second) errors.add(at + ".date", row + "日期 " + e.date + " 重复");
      else if (e.kind == "workday" && core::isoWeekday(*day) <= 5)
        errors.add(at + ".kind", row + "调休上班日应为周六或周日(" + e.date + " 本就是工作日)");
    }
    if (!e.kind.empty() && !errors.has(at + ".kind") && e.kind != "holiday" && e.kind != "workday")
      errors.add(at + ".kind", row + "类型应为 holiday(节假日)或 workday(调休上班)");
    e.name = nameForm.text(at + ".name", row + nameSpec.label, nameSpec.rule);
    out.push_back(std::move(e));
  }
  errors.throwIfAny();
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.date < b.date; });
  return out;
}

json CalendarService::replaceYear(const core::Actor& a, int year, const json& body) {
  if (!body.is_object()) throw badRequest("请求内容应为 JSON 对象");
  const auto entries = readDays(year, body);
  std::shared_ptr<const core::WorkingCalendar> cal;
  long long revision = 0;
  json out = ctx_.db.write([&](db::Conn& c) {
    const auto before = store_.ofYear(c, year);
    store_.replaceYear(c, year, entries, a.who.userId, core::nowMs());
    auto count = [](const std::vector<core::CalendarEntry>& list, const char* kind) {
      return std::count_if(list.begin(), list.end(), [&](const auto& e) { return e.kind == kind; });
    };
    // What changed, day by day (at most a few lines for a yearly notice).
    std::map<std::string, const core::CalendarEntry*> old, now;
    for (const auto& e : before) old[e.date] = &e;
    for (const auto& e : entries) now[e.date] = &e;
    std::string changes;
    int shown = 0, total = 0;
    auto note = [&](const std::string& text) {
      ++total;
      if (shown < 10) changes += (shown++ ? ";" : "") + text;
    };
    for (const auto& [d, e] : now)
      if (!old.count(d)) note("新增 " + d + " " + kindName(e->kind) + " " + e->name);
      else if (old[d]->kind != e->kind || old[d]->name != e->name) note("修改 " + d + " 为 " + kindName(e->kind) + " " + e->name);
    for (const auto& [d, e] : old)
      if (!now.count(d)) note("删除 " + d + " " + kindName(e->kind) + " " + e->name);
    if (total > shown) changes += " 等 " + std::to_string(total) + " 处";
    audit::record(c, a, "update", "calendar", std::to_string(year),
                  "修改 " + std::to_string(year) + " 年工作日历:节假日 " + std::to_string(count(entries, "holiday")) + " 天,调休上班 " +
                      std::to_string(count(entries, "workday")) + " 天" + (changes.empty() ? "(无变化)" : "(" + changes + ")"));
    revision = store_.revision(c);
    cal = std::make_shared<const core::WorkingCalendar>(core::WorkingCalendar::fromEntries(store_.all(c)));
    return daysJson(year, store_.ofYear(c, year));
  });
  install(std::move(cal), revision);
  return out;
}

}  // namespace baoan::calendar
