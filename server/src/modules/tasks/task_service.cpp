#include "modules/tasks/task_service.h"
#include "modules/tasks/task_settings.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

#include "core/clock.h"
#include "core/dictionaries.h"
#include "core/error.h"
#include "core/regions.h"
#include "core/validation.h"
#include "modules/audit/audit_log.h"
#include "modules/dto_util.h"

namespace baoan::tasks {

using nlohmann::json;

namespace {

/// 结束 of an emergency task: the police unit that created it (its 科 and 支队 alike) or a unit above it —
/// never a 分局 or 派出所 below the creating 市局 or 分局, though the task lies in their jurisdiction.
bool mayEndEmergency(db::Conn& c, const TaskStore& store, const std::string& taskOrgPath, const std::string& callerOrgPath) {
  return core::isPathPrefix(store.unitPath(c, callerOrgPath), store.unitPath(c, taskOrgPath));
}

constexpr const char* kStatuses[] = {"pending", "running", "ended", "cancelled"};
constexpr const char* kSmsPrefix = "【保安服务监管信息系统】";

// Shaanxi's extent with a margin: a place of a Shaanxi region outside it is a typing error.
constexpr double kMinLng = 104.8, kMaxLng = 111.8, kMinLat = 31.2, kMaxLat = 40.1;

json iso(long long ms) { return core::toIso(ms); }

double round3(double v) { return std::round(v * 1000.0) / 1000.0; }

// A required number field: absent 422, a wrong type 400.
std::optional<double> number(const json& body, const std::string& key, const std::string& label, FieldErrors& errors) {
  if (!body.contains(key) || body.at(key).is_null()) {
    errors.add(key, "请填写" + label);
    return std::nullopt;
  }
  const auto& v = body.at(key);
  if (v.is_number()) return v.get<double>();
  if (v.is_string()) {
    try {
      std::size_t used = 0;
      const std::string s = v.get<std::string>();
      const double d = std::stod(s, &used);
      if (used == s.size() && std::isfinite(d)) return d;
    } catch (const std::exception&) {
    }
  }
  errors.addTypeError(key, label + "应为数字");
  return std::nullopt;
}

std::optional<long long> instant(const json& body, const std::string& key, const std::string& label, FieldErrors& errors) {
  if (!body.contains(key) || body.at(key).is_null() || (body.at(key).is_string() && body.at(key).get<std::string>().empty())) {
    errors.add(key, "请填写" + label);
    return std::nullopt;
  }
  if (!body.at(key).is_string()) {
    errors.addTypeError(key, label + "格式错误");
    return std::nullopt;
  }
  auto t = core::parseTime(body.at(key).get<std::string>());
  if (!t) errors.add(key, label + "格式错误,应为 2026-12-01T08:00:00+08:00");
  return t;
}

std::optional<long long> wholeNumber(const json& body, const std::string& key, const std::string& label, long long min, long long max,
                                     FieldErrors& errors) {
  if (!body.contains(key) || body.at(key).is_null()) {
    errors.add(key, "请填写" + label);
    return std::nullopt;
  }
  const auto& v = body.at(key);
  if (!v.is_number_integer()) {
    errors.addTypeError(key, label + "应为整数");
    return std::nullopt;
  }
  const long long n = v.get<long long>();
  if (n < min || n > max) {
    errors.add(key, label + "应为 " + std::to_string(min) + " 到 " + std::to_string(max) + " 之间的整数");
    return std::nullopt;
  }
  return n;
}

// The place of a form: coordinates inside China and, for a Shaanxi region, inside Shaanxi.
void checkPlace(std::optional<double> lng, std::optional<double> lat, FieldErrors& errors) {
  if (!lng || !lat) return;
  if (auto e = coordinatesProblem(*lng, *lat)) {
    errors.add(*lng < 73.5 || *lng > 135.1 ? "lng" : "lat", *e);
    return;
  }
  if (*lng < kMinLng || *lng > kMaxLng) errors.add("lng", "经度不在陕西省范围内(约 105.5 到 111.2)");
  if (*lat < kMinLat || *lat > kMaxLat) errors.add("lat", "纬度不在陕西省范围内(约 31.7 到 39.6)");
}

// Where and when, as a task and an emergency task both give them: lng/lat checked by checkPlace, startAt
// before endAt. A field missing or wrong is in `errors`; the values are set only when all four are good.
struct PlaceAndTime {
  std::optional<double> lng, lat;
  std::optional<long long> start, end;
};
PlaceAndTime placeAndTime(const json& body, FieldErrors& errors) {
  PlaceAndTime w{number(body, "lng", "经度", errors), number(body, "lat", "纬度", errors), std::nullopt, std::nullopt};
  checkPlace(w.lng, w.lat, errors);
  w.start = instant(body, "startAt", "开始时间", errors);
  w.end = instant(body, "endAt", "结束时间", errors);
  if (w.start && w.end && *w.end <= *w.start) errors.add("endAt", "结束时间应晚于开始时间");
  return w;
}

// A region of the form: a county (区县) of the table.
const core::Region* county(const std::string& code, FieldErrors& errors, bool allowCity) {
  if (code.empty()) return nullptr;
  const auto* r = core::RegionTable::instance().find(code);
  if (!r) {
    errors.add("regionCode", "所属区域不存在");
    return nullptr;
  }
  if (!(r->level == "county" || (allowCity && r->level == "city"))) {
    errors.add("regionCode", allowCity ? "所属区域应选择到市或区县" : "所属区域应选择到区县");
    return nullptr;
  }
  return r;
}

std::string cityOf(const std::string& code) { return code.substr(0, 4) + "00"; }
std::string provinceOf(const std::string& code) { return code.substr(0, 2) + "0000"; }

double parseParam(const std::string& text, const std::string& key, const std::string& label) {
  try {
    std::size_t used = 0;
    const double d = std::stod(text, &used);
    if (used == text.size() && std::isfinite(d)) return d;
  } catch (const std::exception&) {
  }
  throw invalidField(key, label + "应为数字");
}

double kmParam(const std::string& text, const std::string& key, double fallback) {
  if (text.empty()) return fallback;
  const double km = parseParam(text, key, "范围");
  if (km <= 0 || km > 50) throw invalidField(key, "范围应大于 0 且不超过 50 公里");
  return km;
}

std::string mobileOf(const CompanyInfo& co) {
  std::string out;
  if (!co.contactPhone.empty() && !core::normalizeMobile(co.contactPhone, out)) return out;
  if (!core::normalizeMobile(co.legalMobile, out)) return out;
  return "";
}

}  // namespace

TaskService::TaskService(app::Context& ctx) : ctx_(ctx) {}

// ------------------------------------------------------------------------------------------ JSON

json TaskService::taskJson(const TaskRow& t, long long now) const {
  const std::string status = taskStatus(t.startAt, t.endAt, t.cancelledAt.has_value(), now);
  return {{"id", t.id},
          {"name", t.name},
          {"type", t.type},
          {"typeName", core::dictName("taskTypes", t.type)},
          {"client", t.client},
          {"address", t.address},
          {"regionCode", t.regionCode},
          {"regionName", core::RegionTable::instance().fullName(t.regionCode)},
          {"lng", t.lng},
          {"lat", t.lat},
          {"startAt", iso(t.startAt)},
          {"endAt", iso(t.endAt)},
          {"needed", t.needed},
          {"guardCount", t.guardCount},
          {"status", status},
          {"statusName", taskStatusName(status)},
          {"cancelledAt", modules::isoOrNull(t.cancelledAt)},
          {"companyId", t.companyId},
          {"companyName", t.companyName},
          {"orgId", t.orgId},
          {"serviceOrgId", t.regionOrgId},
          {"createdAt", iso(t.createdAt)},
          {"updatedAt", iso(t.updatedAt)}};
}

// ------------------------------------------------------------------------------------------ portal tasks

TaskRow TaskService::readTask(db::Conn& c, const core::Principal& p, const json& body) const {
  FieldErrors errors;
  core::Form form(body, errors);
  TaskRow t;
  t.name = form.text("name", "任务名称", {.required = true, .maxLength = 100});
  t.type = form.text("type", "任务类型", {.required = true, .maxLength = 20});
  if (!t.type.empty() && !core::dictHas("taskTypes", t.type)) errors.add("type", "任务类型不存在");
  t.client = form.text("client", "客户单位", {.required = true, .maxLength = 100});
  t.address = form.text("address", "任务地点", {.required = true, .maxLength = 200});
  t.regionCode = form.text("regionCode", "所属区域", {.required = true, .maxLength = 12});
  county(t.regionCode, errors, false);
  const PlaceAndTime where = placeAndTime(body, errors);
  const auto needed = wholeNumber(body, "needed", "所需人数", 1, 10000, errors);
  auto guardIds = form.ids("guardIds", "派出保安员");
  std::set<long long> unique(guardIds.begin(), guardIds.end());
  if (!errors.has("guardIds") && !unique.empty()) {
    const std::vector<long long> ids(unique.begin(), unique.end());
    const auto own = store_.employedOf(c, p.companyId, ids);
    if (own.size() != ids.size()) {
      const std::set<long long> ok(own.begin(), own.end());
      for (long long id : ids)
        if (!ok.count(id)) {
          errors.add("guardIds", "派出保安员(编号 " + std::to_string(id) + ")不是本公司在职保安员");
          break;
        }
    }
  }
  if (needed && !errors.has("guardIds") && static_cast<long long>(unique.size()) > *needed)
    errors.add("guardIds", "派出保安员人数不能超过所需人数");
  errors.throwIfAny();
  t.lng = *where.lng;
  t.lat = *where.lat;
  t.startAt = *where.start;
  t.endAt = *where.end;
  t.needed = *needed;
  t.cityCode = cityOf(t.regionCode);
  t.provinceCode = provinceOf(t.regionCode);
  t.startMonth = core::toChinaDate(t.startAt).substr(0, 7);
  t.guardCount = static_cast<long long>(unique.size());
  // (the guard ids travel in guardCount's place: the caller stores them)
  return t;
}

namespace {
std::vector<long long> guardIdsOf(const json& body) {
  std::set<long long> s;
  if (body.contains("guardIds") && body["guardIds"].is_array())
    for (const auto& v : body["guardIds"]) s.insert(v.get<long long>());
  return {s.begin(), s.end()};
}

json guardsJson(const std::vector<TaskGuard>& guards, bool full) {
  json out = json::array();
  for (const auto& g : guards)
    out.push_back({{"id", g.id},
                   {"name", g.name},
                   {"idNo", full ? g.idNo : core::maskIdNumber(g.idNo)},
                   {"mobile", full ? g.mobile : core::maskMobile(g.mobile)}});
  return out;
}
}  // namespace

json TaskService::portalCreate(const core::Actor& a, const json& body) {
  return ctx_.db.write([&](db::Conn& c) {
    TaskRow t = readTask(c, a.who, body);
    const auto co = store_.company(c, a.who.companyId);
    if (!co) throw notFound("公司不存在");
    const auto regionOrg = store_.regionOrg(c, t.regionCode);
    const long long now = core::nowMs();
    t.companyId = co->id;
    t.companyName = co->name;
    t.orgId = co->orgId;
    t.orgPath = co->orgPath;
    t.regionOrgPath = regionOrg ? regionOrg->second : co->orgPath;
    t.createdAt = t.updatedAt = now;
    t.createdBy = a.who.userId;
    t.id = store_.insert(c, t);
    store_.setGuards(c, t.id, guardIdsOf(body));
    audit::record(c, a, "create", "task", std::to_string(t.id),
                  "发布任务 " + t.name + "(" + core::dictName("taskTypes", t.type) + ",派出 " + std::to_string(t.guardCount) + " 人)");
    json j = taskJson(*store_.find(c, t.id), now);
    j["guards"] = guardsJson(store_.guards(c, t.id), true);
    return j;
  });
}

json TaskService::portalUpdate(const core::Actor& a, long long id, const json& body) {
  return ctx_.db.write([&](db::Conn& c) {
    auto old = store_.find(c, id);
    if (!old || old->companyId != a.who.companyId) throw notFound("任务不存在");
    const long long now = core::nowMs();
    TaskRow t = readTask(c, a.who, body);
    if (old->cancelledAt) throw conflict("任务已取消,不能修改");
    if (old->endAt <= now) throw conflict("任务已结束,不能修改");
    const auto regionOrg = store_.regionOrg(c, t.regionCode);
    t.id = id;
    t.regionOrgPath = regionOrg ? regionOrg->second : old->orgPath;
    t.updatedAt = now;
    store_.update(c, t);
    store_.setGuards(c, id, guardIdsOf(body));
    audit::record(c, a, "update", "task", std::to_string(id), "修改任务 " + t.name);
    json j = taskJson(*store_.find(c, id), now);
    j["guards"] = guardsJson(store_.guards(c, id), true);
    return j;
  });
}

json TaskService::portalCancel(const core::Actor& a, long long id) {
  return ctx_.db.write([&](db::Conn& c) {
    auto t = store_.find(c, id);
    if (!t || t->companyId != a.who.companyId) throw notFound("任务不存在");
    const long long now = core::nowMs();
    if (t->cancelledAt) throw conflict("任务已取消");
    if (t->endAt <= now) throw conflict("任务已结束,不能取消");
    store_.cancel(c, id, now);
    audit::record(c, a, "cancel", "task", std::to_string(id), "取消任务 " + t->name);
    json j = taskJson(*store_.find(c, id), now);
    j["guards"] = guardsJson(store_.guards(c, id), true);
    return j;
  });
}

json TaskService::portalGet(const core::Principal& p, long long id) {
  return ctx_.db.read([&](db::Conn& c) {
    auto t = store_.find(c, id);
    if (!t || t->companyId != p.companyId) throw notFound("任务不存在");
    json j = taskJson(*t, core::nowMs());
    j["guards"] = guardsJson(store_.guards(c, id), true);
    return j;
  });
}

// ------------------------------------------------------------------------------------------ lists and stats

TaskFilter TaskService::filterOf(db::Conn& c, const core::Principal& p, const TaskQuery& q, bool police) const {
  TaskFilter f;
  f.now = core::nowMs();
  if (police) f.scope = &p.scope;
  else f.companyId = p.companyId;
  if (!q.regionCode.empty()) {
    const auto* r = core::RegionTable::instance().find(q.regionCode);
    if (!r || r->level == "town") throw invalidField("regionCode", "区域应为省、市或区县");
    f.regionCode = q.regionCode;
    f.regionLevel = r->level;
  }
  if (!q.type.empty()) {
    if (!core::dictHas("taskTypes", q.type)) throw invalidField("type", "任务类型不存在");
    f.type = q.type;
  }
  if (!q.status.empty()) {
    bool known = false;
    for (const char* s : kStatuses) known = known || q.status == s;
    if (!known) throw invalidField("status", "任务状态应为 pending、running、ended 或 cancelled");
    f.status = q.status;
  }
  if (!q.month.empty()) {
    if (q.month.size() != 7 || !core::isValidDate(q.month + "-01")) throw invalidField("month", "月份格式应为 2026-12");
    f.month = q.month;
  }
  if (!q.companyId.empty()) {
    if (q.companyId.size() > 18 || q.companyId.find_first_not_of("0123456789") != std::string::npos)
      throw invalidField("companyId", "公司编号格式错误");
    f.companyId = std::stoll(q.companyId);
  }
  if (q.name.size() > 300) throw invalidField("name", "任务名称过长");
  f.name = q.name;
  (void)c;
  return f;
}

json TaskService::portalList(const core::Principal& p, const TaskQuery& q, const core::PageRequest& page) {
  return ctx_.db.read([&](db::Conn& c) {
    TaskQuery own = q;
    own.companyId.clear();
    const TaskFilter f = filterOf(c, p, own, false);
    auto [rows, total] = store_.list(c, f, page);
    json items = json::array();
    for (const auto& t : rows) items.push_back(taskJson(t, f.now));
    return modules::pageJson(std::move(items), total, page);
  });
}

json TaskService::list(const core::Principal& p, const TaskQuery& q, const core::PageRequest& page) {
  return ctx_.db.read([&](db::Conn& c) {
    const TaskFilter f = filterOf(c, p, q, true);
    auto [rows, total] = store_.list(c, f, page);
    json items = json::array();
    for (const auto& t : rows) items.push_back(taskJson(t, f.now));
    return modules::pageJson(std::move(items), total, page);
  });
}

json TaskService::get(const core::Principal& p, long long id) {
  return ctx_.db.read([&](db::Conn& c) {
    if (!store_.visible(c, p.scope, id)) throw notFound("任务不存在");
    json j = taskJson(*store_.find(c, id), core::nowMs());
    j["guards"] = guardsJson(store_.guards(c, id), p.has("guard:pii"));
    return j;
  });
}

modules::ExportFile TaskService::exportFile(const core::Actor& a, const TaskQuery& q, const std::string& conditions) {
  using io::ColumnKind;
  const std::vector<modules::ExportColumn> columns = {
      {"name", "任务名称", ColumnKind::text, 28},        {"typeName", "任务类型", ColumnKind::text, 12},
      {"statusName", "状态", ColumnKind::text, 8},       {"companyName", "发布公司", ColumnKind::text, 28},
      {"client", "客户单位", ColumnKind::text, 24},      {"address", "任务地点", ColumnKind::text, 36},
      {"regionName", "所属区域", ColumnKind::text, 24},  {"startAt", "开始时间", ColumnKind::datetime, 18},
      {"endAt", "结束时间", ColumnKind::datetime, 18},   {"needed", "所需人数", ColumnKind::integer, 10},
      {"guardCount", "派出人数", ColumnKind::integer, 10}, {"lng", "经度", ColumnKind::decimal, 12},
      {"lat", "纬度", ColumnKind::decimal, 12}};
  // The filters are checked (400 naming the parameter) before any file is written.
  const TaskFilter f = ctx_.db.read([&](db::Conn& c) { return filterOf(c, a.who, q, true); });
  auto file = modules::exportXlsx("任务", columns, [&](const auto& sink) {
    ctx_.db.read([&](db::Conn& c) { store_.forEach(c, f, [&](const TaskRow& t) { sink(taskJson(t, f.now)); }); });
  });
  ctx_.db.write([&](db::Conn& c) {
    audit::record(c, a, "export", "task", "", "导出任务 " + std::to_string(file.rows) + " 条(条件:" + conditions + ")");
  });
  return file;
}

json TaskService::stats(const core::Principal& p, const std::string& groupByParam, const TaskQuery& q) {
  const std::string groupBy = groupByParam.empty() ? "region" : groupByParam;  // the map's first view: by region
  return ctx_.db.read([&](db::Conn& c) {
    const TaskFilter f = filterOf(c, p, q, true);
    json groups = json::array();
    auto add = [&](const std::string& key, const std::string& label, long long n) {
      groups.push_back({{"key", key}, {"label", label}, {"count", n}});
    };
    auto counted = [&](const std::string& column) {
      std::map<std::string, long long> m;
      for (const auto& g : store_.countBy(c, f, column)) m[g.key] = g.count;
      return m;
    };
    if (groupBy == "region") {
      // The children of the regionCode filter, else of the caller's jurisdiction (its org's region).
      std::string base = f.regionCode;
      if (base.empty()) {
        base = store_.orgRegion(c, p.orgId).value_or("610000");
        if (base.size() > 6) base = base.substr(0, 6);  // a 派出所's town: its county
        if (!core::RegionTable::instance().find(base)) base = "610000";
      }
      const auto* r = core::RegionTable::instance().find(base);
      if (r->level == "county") {
        add(base, r->name, counted("region_code")[base]);
      } else {
        const auto m = counted(r->level == "province" ? "city_code" : "region_code");
        for (const auto* child : core::RegionTable::instance().children(base)) {
          auto it = m.find(child->code);
          add(child->code, child->name, it == m.end() ? 0 : it->second);
        }
      }
    } else if (groupBy == "type") {
      const auto m = counted("type");
      for (const auto& item : core::findDictionary("taskTypes")->items) {
        auto it = m.find(std::string(item.code));
        add(std::string(item.code), std::string(item.name), it == m.end() ? 0 : it->second);
      }
    } else if (groupBy == "status") {
      for (const char* s : kStatuses) {
        TaskFilter g = f;
        if (!g.status.empty() && g.status != s) {
          add(s, taskStatusName(s), 0);
          continue;
        }
        g.status = s;
        add(s, taskStatusName(s), store_.count(c, g));
      }
    } else if (groupBy == "month") {
      for (const auto& [month, n] : counted("start_month")) add(month, month.substr(0, 4) + "年" + month.substr(5, 2) + "月", n);
    } else {
      throw invalidField("groupBy", "分组应为 region、type、status 或 month");
    }
    return json{{"total", store_.count(c, f)}, {"groups", std::move(groups)}};
  });
}

// ------------------------------------------------------------------------------------------ emergency tasks

json TaskService::emergencyJson(db::Conn& c, const EmergencyRow& e, bool full, bool pii) const {
  const long long now = core::nowMs();
  const std::string state = e.endedAt ? "ended" : now < e.startAt ? "pending" : "open";
  json j = {{"id", e.id},
            {"title", e.title},
            {"detail", e.detail},
            {"address", e.address},
            {"regionCode", e.regionCode},
            {"regionName", core::RegionTable::instance().fullName(e.regionCode)},
            {"lng", e.lng},
            {"lat", e.lat},
            {"startAt", iso(e.startAt)},
            {"endAt", iso(e.endAt)},
            {"needed", e.needed},
            {"radiusKm", e.radiusKm ? json(*e.radiusKm) : json(nullptr)},
            {"status", state},
            {"statusName", state == "ended" ? "已结束" : state == "pending" ? "未开始" : "进行中"},
            {"ended", e.endedAt.has_value()},
            {"endedAt", modules::isoOrNull(e.endedAt)},
            {"endedByName", e.endedAt ? json(e.endedByName) : json(nullptr)},
            {"summary", e.endedAt ? json(e.summary) : json(nullptr)},
            {"orgId", e.orgId},
            {"orgName", e.orgName},
            {"serviceOrgId", e.regionOrgId},
            {"createdAt", iso(e.createdAt)},
            {"createdByName", e.createdByName},
            {"counts", {{"needed", e.needed}, {"notified", e.notified}, {"accepted", e.accepted}, {"assigned", e.assigned}, {"checkedIn", e.checkedIn}}}};
  if (!full) return j;
  json companies = json::array();
  for (const auto& co : store_.emergencyCompanies(c, e.id))
    companies.push_back({{"companyId", co.companyId},
                         {"companyName", co.companyName},
                         {"notifiedAt", iso(co.notifiedAt)},
                         {"response", co.accepted ? json(*co.accepted ? "accepted" : "refused") : json(nullptr)},
                         {"respondedAt", modules::isoOrNull(co.respondedAt)},
                         {"respondedByName", co.respondedAt ? json(co.respondedByName) : json(nullptr)}});
  j["companies"] = std::move(companies);
  json guards = json::array();
  for (const auto& g : store_.emergencyGuards(c, e.id, std::nullopt))
    guards.push_back({{"guardId", g.guardId},
                      {"name", g.name},
                      {"idNo", pii ? g.idNo : core::maskIdNumber(g.idNo)},
                      {"mobile", pii ? g.mobile : core::maskMobile(g.mobile)},
                      {"companyId", g.companyId},
                      {"companyName", g.companyName},
                      {"assignedAt", iso(g.assignedAt)},
                      {"checkedInAt", modules::isoOrNull(g.checkedInAt)},
                      {"checkLng", g.checkLng ? json(*g.checkLng) : json(nullptr)},
                      {"checkLat", g.checkLat ? json(*g.checkLat) : json(nullptr)},
                      {"distanceKm", g.distanceM ? json(static_cast<double>(*g.distanceM) / 1000.0) : json(nullptr)}});
  j["guards"] = std::move(guards);
  return j;
}

namespace {
// The companies of the caller's scope with guards within km of the place, by the location rule.
struct Reach {
  struct Company {
    long long id = 0;
    std::string name;
    long long guards = 0;
    double nearestKm = 0;
  };
  std::vector<Company> companies;
  long long guards = 0;
};

Reach reachOf(db::Conn& c, const TaskStore& store, const core::Principal& p, double lng, double lat, double km) {
  Reach out;
  std::map<long long, Reach::Company> byCompany;
  std::map<long long, bool> inScope;
  for (const auto& e : store.nearbyByEmployer(c, lng, lat, km, core::nowMs())) {
    if (!e.employerId) continue;
    auto s = inScope.find(e.employerId);
    if (s == inScope.end()) {
      const auto co = store.company(c, e.employerId);
      s = inScope.emplace(e.employerId, co && p.scope.coversOrg(co->orgPath)).first;
    }
    if (!s->second) continue;
    byCompany[e.employerId] = {e.employerId, e.employerName, e.guards, e.nearestKm};
    out.guards += e.guards;
  }
  for (auto& [_, co] : byCompany) out.companies.push_back(co);
  std::sort(out.companies.begin(), out.companies.end(),
            [](const Reach::Company& a, const Reach::Company& b) { return a.nearestKm < b.nearestKm; });
  return out;
}
}  // namespace

json TaskService::reach(const core::Principal& p, const std::string& lngText, const std::string& latText, const std::string& kmText) {
  if (lngText.empty()) throw invalidField("lng", "请填写经度");
  if (latText.empty()) throw invalidField("lat", "请填写纬度");
  const double lng = parseParam(lngText, "lng", "经度"), lat = parseParam(latText, "lat", "纬度");
  FieldErrors errors;
  checkPlace(lng, lat, errors);
  errors.throwIfAny();
  const double km = kmParam(kmText, "radiusKm", 5);
  return ctx_.db.read([&](db::Conn& c) {
    const Reach r = reachOf(c, store_, p, lng, lat, km);
    json companies = json::array();
    for (const auto& co : r.companies)
      companies.push_back({{"companyId", co.id}, {"companyName", co.name}, {"guards", co.guards}, {"nearestKm", round3(co.nearestKm)}});
    return json{{"radiusKm", km},
                {"companyCount", static_cast<long long>(r.companies.size())},
                {"guardCount", r.guards},
                {"companies", std::move(companies)}};
  });
}

json TaskService::createEmergency(const core::Actor& a, const json& body) {
  FieldErrors errors;
  core::Form form(body, errors);
  EmergencyRow e;
  e.title = form.text("title", "标题", {.required = true, .maxLength = 100});
  e.detail = form.text("detail", "详情", {.required = true, .maxLength = 2000, .multiline = true});
  e.address = form.text("address", "地点", {.required = true, .maxLength = 200});
  e.regionCode = form.text("regionCode", "所属区域", {.required = true, .maxLength = 12});
  county(e.regionCode, errors, true);
  const PlaceAndTime where = placeAndTime(body, errors);
  const auto needed = wholeNumber(body, "needed", "所需人数", 1, 100000, errors);
  auto companyIds = form.ids("companyIds", "通知公司");
  std::optional<double> radius;
  if (form.has("radiusKm")) {
    radius = number(body, "radiusKm", "范围", errors);
    if (radius && (*radius <= 0 || *radius > 50)) errors.add("radiusKm", "范围应大于 0 且不超过 50 公里");
  }
  if (companyIds.empty() && !form.has("radiusKm") && !errors.has("companyIds"))
    errors.add("companyIds", "请选择通知的公司,或填写范围(公里)通知范围内有保安员的公司");
  errors.throwIfAny();
  e.lng = *where.lng;
  e.lat = *where.lat;
  e.startAt = *where.start;
  e.endAt = *where.end;
  e.needed = *needed;
  e.radiusKm = radius;
  return ctx_.db.write([&](db::Conn& c) {
    // Who is asked: the companies named (in the caller's scope), or those with guards within the radius.
    std::vector<CompanyInfo> asked;
    std::set<long long> seen;
    for (long long id : companyIds) {
      if (!seen.insert(id).second) continue;
      auto co = store_.company(c, id);
      if (!co || !a.who.scope.coversOrg(co->orgPath)) throw invalidField("companyIds", "公司(编号 " + std::to_string(id) + ")不存在或不在管辖范围内");
      asked.push_back(*co);
    }
    if (radius)
      for (const auto& r : reachOf(c, store_, a.who, e.lng, e.lat, *radius).companies)
        if (seen.insert(r.id).second) asked.push_back(*store_.company(c, r.id));
    if (asked.empty()) throw invalidField(radius ? "radiusKm" : "companyIds", "范围内没有可通知的保安服务公司");
    const long long now = core::nowMs();
    const auto regionOrg = store_.regionOrg(c, e.regionCode);
    e.orgId = a.who.orgId;
    e.orgPath = a.who.orgPath;
    e.regionOrgPath = regionOrg ? regionOrg->second : a.who.orgPath;
    e.createdAt = now;
    e.createdByName = a.who.name;
    e.id = store_.insertEmergency(c, e, a.who.userId);
    const std::string text = "紧急任务「" + e.title + "」:" + core::toIso(e.startAt).substr(0, 16) + " 起在" + e.address +
                             ",需保安员 " + std::to_string(e.needed) + " 名。请登录企业端在“紧急任务”中接受或拒绝。";
    for (const auto& co : asked) {
      store_.askCompany(c, e.id, co, now);
      for (long long user : store_.portalUsers(c, co.id)) store_.message(c, user, "紧急任务:" + e.title, text, now);
      if (const std::string m = mobileOf(co); !m.empty())
        ctx_.sms.send(c, {m, "emergency_task", kSmsPrefix + co.name + ":" + text, std::nullopt, co.orgPath, {{"title", e.title}}});
    }
    audit::record(c, a, "create", "emergency_task", std::to_string(e.id),
                  "创建紧急任务 " + e.title + ",通知公司 " + std::to_string(asked.size()) + " 家");
    return emergencyJson(c, *store_.emergency(c, e.id), true, a.who.has("guard:pii"));
  });
}

json TaskService::emergencyList(const core::Principal& p, const std::string& title, const std::string& state, const core::PageRequest& page) {
  if (!state.empty() && state != "open" && state != "ended") throw invalidField("status", "状态应为 open 或 ended");
  return ctx_.db.read([&](db::Conn& c) {
    EmergencyFilter f;
    f.scope = &p.scope;
    f.title = title;
    f.state = state;
    auto [rows, total] = store_.emergencyList(c, f, page);
    json items = json::array();
    for (const auto& e : rows) items.push_back(emergencyJson(c, e, false, false));
    return modules::pageJson(std::move(items), total, page);
  });
}

json TaskService::emergencyGet(const core::Principal& p, long long id) {
  return ctx_.db.read([&](db::Conn& c) {
    if (!store_.emergencyVisible(c, p.scope, id)) throw notFound("紧急任务不存在");
    json j = emergencyJson(c, *store_.emergency(c, id), true, p.has("guard:pii"));
    j["canEnd"] = !j["ended"].get<bool>() && mayEndEmergency(c, store_, store_.emergency(c, id)->orgPath, p.orgPath) && p.has("emergency_task:end");
    return j;
  });
}

json TaskService::nearbyGuards(const core::Principal& p, long long id, const std::string& kmText) {
  return ctx_.db.read([&](db::Conn& c) {
    if (!store_.emergencyVisible(c, p.scope, id)) throw notFound("紧急任务不存在");
    const double km = kmParam(kmText, "km", 5);
    const auto e = store_.emergency(c, id);
    const bool pii = p.has("guard:pii");
    json items = json::array();
    for (const auto& g : store_.nearbyGuards(c, e->lng, e->lat, km, core::nowMs(), 200))
      items.push_back({{"id", g.id},
                       {"name", g.name},
                       {"idNo", pii ? g.idNo : core::maskIdNumber(g.idNo)},
                       {"mobile", pii ? g.mobile : core::maskMobile(g.mobile)},
                       {"employerId", g.employerId},
                       {"employerName", g.employerName},
                       {"lng", g.place.lng},
                       {"lat", g.place.lat},
                       {"locatedBy", g.place.source},
                       {"distanceKm", round3(g.distanceKm)}});
    return json{{"km", km}, {"items", std::move(items)}};
  });
}

json TaskService::endEmergency(const core::Actor& a, long long id, const json& body) {
  return ctx_.db.write([&](db::Conn& c) {
    if (!store_.emergencyVisible(c, a.who.scope, id)) throw notFound("紧急任务不存在");
    const auto e = store_.emergency(c, id);
    if (!mayEndEmergency(c, store_, e->orgPath, a.who.orgPath))
      throw forbidden("只有创建该紧急任务的单位(" + e->orgName + "所在的公安机关)或其上级可以结束它");
    if (e->endedAt) throw conflict("紧急任务已结束");
    FieldErrors errors;
    const json fields = body.is_object() ? body : json::object();
    core::Form form(fields, errors);
    const std::string summary = form.text("summary", "总结", {.required = true, .maxLength = 2000, .multiline = true});
    errors.throwIfAny();
    const long long now = core::nowMs();
    store_.endEmergency(c, id, now, a.who.name, summary);
    audit::record(c, a, "end", "emergency_task", std::to_string(id), "结束紧急任务 " + e->title);
    return emergencyJson(c, *store_.emergency(c, id), true, a.who.has("guard:pii"));
  });
}

// ------------------------------------------------------------------------------------------ portal emergency tasks

namespace {
json myPart(const TaskStore& store, db::Conn& c, long long taskId, long long companyId) {
  json j = json::object();
  const auto co = store.emergencyCompany(c, taskId, companyId);
  j["response"] = co && co->accepted ? json(*co->accepted ? "accepted" : "refused") : json(nullptr);
  j["respondedAt"] = co ? modules::isoOrNull(co->respondedAt) : json(nullptr);
  j["notifiedAt"] = co ? json(core::toIso(co->notifiedAt)) : json(nullptr);
  json guards = json::array();
  for (const auto& g : store.emergencyGuards(c, taskId, companyId))
    guards.push_back({{"guardId", g.guardId},
                      {"name", g.name},
                      {"mobile", g.mobile},
                      {"assignedAt", core::toIso(g.assignedAt)},
                      {"checkedInAt", modules::isoOrNull(g.checkedInAt)},
                      {"distanceKm", g.distanceM ? json(static_cast<double>(*g.distanceM) / 1000.0) : json(nullptr)}});
  j["guards"] = std::move(guards);
  return j;
}
}  // namespace

json TaskService::portalEmergencyList(const core::Principal& p, const core::PageRequest& page) {
  return ctx_.db.read([&](db::Conn& c) {
    auto [rows, total] = store_.emergencyOfCompany(c, p.companyId, page);
    json items = json::array();
    for (const auto& e : rows) {
      json j = emergencyJson(c, e, false, false);
      j.erase("orgId");
      j.erase("serviceOrgId");
      j["mine"] = myPart(store_, c, e.id, p.companyId);
      items.push_back(std::move(j));
    }
    return modules::pageJson(std::move(items), total, page);
  });
}

json TaskService::portalEmergencyGet(const core::Principal& p, long long id) {
  return ctx_.db.read([&](db::Conn& c) {
    if (!store_.emergencyCompany(c, id, p.companyId)) throw notFound("紧急任务不存在");
    json j = emergencyJson(c, *store_.emergency(c, id), false, false);
    j.erase("orgId");
    j.erase("serviceOrgId");
    j["mine"] = myPart(store_, c, id, p.companyId);
    return j;
  });
}

json TaskService::respond(const core::Actor& a, long long id, const json& body) {
  return ctx_.db.write([&](db::Conn& c) {
    if (!store_.emergencyCompany(c, id, a.who.companyId)) throw notFound("紧急任务不存在");
    const auto e = store_.emergency(c, id);
    FieldErrors errors;
    core::Form form(body, errors);
    const auto accept = form.boolean("accept", "是否接受", true);
    auto guardIds = form.ids("guardIds", "派出保安员");
    std::set<long long> unique(guardIds.begin(), guardIds.end());
    if (accept && *accept && unique.empty() && !errors.has("guardIds")) errors.add("guardIds", "接受任务时请选择派出的保安员");
    if (accept && *accept && !unique.empty() && !errors.has("guardIds")) {
      const std::vector<long long> ids(unique.begin(), unique.end());
      const auto own = store_.employedOf(c, a.who.companyId, ids);
      if (own.size() != ids.size()) errors.add("guardIds", "派出保安员须为本公司在职保安员");
    }
    errors.throwIfAny();
    if (e->endedAt) throw conflict("紧急任务已结束,不能再响应");
    const long long now = core::nowMs();
    store_.respond(c, id, a.who.companyId, *accept, now, a.who.name);
    std::string summary = (*accept ? "接受紧急任务 " : "拒绝紧急任务 ") + e->title;
    if (*accept) {
      const std::vector<long long> ids(unique.begin(), unique.end());
      std::set<long long> before;
      for (const auto& g : store_.emergencyGuards(c, id, a.who.companyId)) before.insert(g.guardId);
      store_.assignGuards(c, id, a.who.companyId, ids, now);
      for (const auto& g : store_.emergencyGuards(c, id, a.who.companyId)) {
        if (before.count(g.guardId)) continue;
        ctx_.sms.send(c, {g.mobile, "emergency_task",
                          std::string(kSmsPrefix) + g.name + ",您被派往紧急任务「" + e->title + "」,地点:" + e->address + ",开始时间 " +
                              core::toIso(e->startAt).substr(0, 16) + "。到达后请签到。",
                          std::nullopt, e->orgPath, {{"title", e->title}}});
      }
      summary += ",派出保安员 " + std::to_string(ids.size()) + " 名";
    } else {
      store_.clearGuards(c, id, a.who.companyId);
    }
    audit::record(c, a, "respond", "emergency_task", std::to_string(id), summary);
    json j = emergencyJson(c, *store_.emergency(c, id), false, false);
    j.erase("orgId");
    j.erase("serviceOrgId");
    j["mine"] = myPart(store_, c, id, a.who.companyId);
    return j;
  });
}

json TaskService::checkIn(const core::Actor& a, long long id, const json& body) {
  return ctx_.db.write([&](db::Conn& c) {
    if (!store_.emergencyCompany(c, id, a.who.companyId)) throw notFound("紧急任务不存在");
    const auto e = store_.emergency(c, id);
    FieldErrors errors;
    core::Form form(body, errors);
    const auto guardId = form.id("guardId", "保安员", true);
    const auto lng = number(body, "lng", "经度", errors);
    const auto lat = number(body, "lat", "纬度", errors);
    if (lng && lat)
      if (auto p = coordinatesProblem(*lng, *lat)) errors.add("lng", *p);
    std::optional<EmergencyGuard> mine;
    if (guardId)
      for (const auto& g : store_.emergencyGuards(c, id, a.who.companyId))
        if (g.guardId == *guardId) mine = g;
    if (guardId && !mine) errors.add("guardId", "该保安员未被本公司派往此紧急任务");
    errors.throwIfAny();
    const long long now = core::nowMs();
    if (e->endedAt || now >= e->endAt) throw conflict("紧急任务已结束,不能签到");
    if (mine->checkedInAt) throw conflict(mine->name + " 已签到");
    const double km = distanceKm(e->lng, e->lat, *lng, *lat);
    const double maxKm = taskSettings().checkInMaxMetres / 1000.0;
    if (km > maxKm) {
      char buf[160];
      std::snprintf(buf, sizeof buf, "签到位置距任务地点 %.2f 公里,超过允许的 %.2f 公里,请到达现场后再签到", km, maxKm);
      throw conflict(buf);
    }
    store_.checkIn(c, id, *guardId, *lng, *lat, std::llround(km * 1000.0), now);
    audit::record(c, a, "check_in", "emergency_task", std::to_string(id), mine->name + " 签到紧急任务 " + e->title);
    json j = emergencyJson(c, *store_.emergency(c, id), false, false);
    j.erase("orgId");
    j.erase("serviceOrgId");
    j["mine"] = myPart(store_, c, id, a.who.companyId);
    return j;
  });
}

json TaskService::currentTask(db::Conn& c, const core::Principal& p, long long guardId) {
  const auto t = TaskStore().currentTask(c, guardId, p.scope, core::nowMs());
  if (!t) return nullptr;
  return {{"id", t->id}, {"name", t->name},         {"kind", t->kind},         {"address", t->address},
          {"lng", t->lng}, {"lat", t->lat}, {"startAt", iso(t->startAt)}, {"endAt", iso(t->endAt)}};
}

std::map<long long, Place> TaskService::locate(const std::vector<long long>& guardIds) {
  return ctx_.db.read([&](db::Conn& c) { return store_.locate(c, guardIds, core::nowMs()); });
}

}  // namespace baoan::tasks
