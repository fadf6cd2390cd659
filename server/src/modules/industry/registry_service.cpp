#include "modules/industry/registry_service.h"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "core/clock.h"
#include "core/regions.h"
#include "core/validation.h"
#include "modules/audit/audit_log.h"
#include "modules/dto_util.h"
#include "core/stat_bands.h"
#include "modules/system/org_service.h"
#include "modules/system/org_store.h"

namespace baoan::industry {

using nlohmann::json;

namespace {

std::string optionName(const FieldSpec& f, const std::string& code) {
  for (const auto& o : f.options)
    if (o.code == code) return std::string(o.name);
  return code;
}

bool isOption(const FieldSpec& f, const std::string& code) {
  return std::any_of(f.options.begin(), f.options.end(), [&](const core::CodeName& o) { return o.code == code; });
}

bool isPhone(const std::string& s) {
  return s.size() >= 7 && s.size() <= 20 && s.find_first_not_of("0123456789-") == std::string::npos && s.front() != '-' &&
         s.back() != '-';
}

std::optional<long long> parseInteger(const json& v) {
  if (v.is_number_integer()) return v.get<long long>();
  if (v.is_number_float()) {
    double d = v.get<double>();
    if (std::floor(d) == d && std::abs(d) < 9e15) return static_cast<long long>(d);
    return std::nullopt;
  }
  if (v.is_string()) {
    std::string s = core::trim(v.get<std::string>());
    if (!s.empty() && s.size() < 16 && s.find_first_not_of("0123456789") == std::string::npos) return std::stoll(s);
  }
  return std::nullopt;
}

std::optional<double> parseDecimal(const json& v) {
  if (v.is_number()) return v.get<double>();
  if (v.is_string()) {
    try {
      std::size_t used = 0;
      const std::string s = core::trim(v.get<std::string>());
      double d = std::stod(s, &used);
      if (used == s.size() && std::isfinite(d)) return d;
    } catch (...) {
    }
  }
  return std::nullopt;
}

// Validates one text-like value of the given type; returns the stored form, or nullopt after
// recording the problem.
std::optional<std::string> checkTyped(const FieldSpec& f, std::string value, FieldErrors& errors) {
  auto refuse = [&](const std::string& problem) -> std::optional<std::string> {
    errors.add(f.key, f.label + problem);
    return std::nullopt;
  };
  switch (f.type) {
    case FieldType::idNo:
      value = core::upperAscii(value);
      if (auto e = core::checkIdNumber(value)) return refuse(*e);
      return value;
    case FieldType::mobile: {
      std::string out;
      if (auto e = core::normalizeMobile(value, out)) return refuse(*e);
      return out;
    }
    case FieldType::phone:
      if (!isPhone(value)) return refuse("格式错误,应为固定电话或手机号码");
      return value;
    case FieldType::creditCode:
      value = core::upperAscii(value);
      if (auto e = core::checkCreditCode(value)) return refuse(*e);
      return value;
    case FieldType::date:
    case FieldType::pastDate:
      if (!core::isValidDate(value)) return refuse("不是有效日期,应为 YYYY-MM-DD");
      if (f.type == FieldType::pastDate && value > core::toChinaDate(core::nowMs())) return refuse("不能晚于今天");
      return value;
    case FieldType::region:
      if (!core::RegionTable::instance().find(value)) return refuse("不是有效的行政区划代码");
      return value;
    case FieldType::option:
      if (!isOption(f, value)) return refuse("的取值无效");
      return value;
    default:
      return value;
  }
}

// An integer or decimal field: absent or blank is null.
db::Value readNumber(const FieldSpec& f, const json& body, core::Form& form, FieldErrors& errors) {
  const bool blank = !form.has(f.key) || (body.at(f.key).is_string() && core::trim(body.at(f.key).get<std::string>()).empty());
  if (blank) {
    if (f.required) errors.add(f.key, f.label + "不能为空");
    return std::monostate{};
  }
  const json& raw = body.at(f.key);
  if (f.type == FieldType::integer) {
    auto n = parseInteger(raw);
    if (n && *n >= 0) return *n;
    errors.add(f.key, f.label + "应为不小于0的整数");
  } else {
    if (auto d = parseDecimal(raw)) return *d;
    errors.add(f.key, f.label + "应为数字");
  }
  return std::monostate{};
}

// Several codes, each of the field's options, kept once each in the order given, stored comma-separated.
db::Value readCodes(const FieldSpec& f, core::Form& form, FieldErrors& errors) {
  const auto codes = form.strings(f.key, f.label);
  std::vector<std::string> kept;
  for (const auto& code : codes) {
    if (!isOption(f, code)) {
      errors.add(f.key, f.label + "包含无效的选项:" + code);
      break;
    }
    if (std::find(kept.begin(), kept.end(), code) == kept.end()) kept.push_back(code);
  }
  std::string joined;
  for (const auto& code : kept) joined += (joined.empty() ? "" : ",") + code;
  if (f.required && codes.empty() && !errors.has(f.key)) errors.add(f.key, "请选择" + f.label);
  return joined.empty() ? db::Value(std::monostate{}) : db::Value(joined);
}

// One field of a record as the API shows it: its value, and a name for codes.
void fieldJson(json& j, const FieldSpec& f, const db::Row& values, bool fullPersonal) {
  const std::string& col = f.column;
  if (values.isNull(col)) {
    j[f.key] = f.type == FieldType::options ? json::array() : json(nullptr);
    if (f.type == FieldType::options) j[f.key + "Names"] = "";
    if (f.type == FieldType::option || f.type == FieldType::region) j[f.key + "Name"] = nullptr;
    return;
  }
  switch (f.type) {
    case FieldType::integer: j[f.key] = values.i64(col); break;
    case FieldType::decimal: j[f.key] = values.f64(col); break;
    case FieldType::options: {
      json codes = json::array();
      std::string names;
      for (const auto& code : core::splitCodes(values.str(col))) {
        codes.push_back(code);
        names += (names.empty() ? "" : "、") + optionName(f, code);
      }
      j[f.key] = codes;
      j[f.key + "Names"] = names;
      break;
    }
    case FieldType::option:
      j[f.key] = values.str(col);
      j[f.key + "Name"] = optionName(f, values.str(col));
      break;
    case FieldType::region:
      j[f.key] = values.str(col);
      j[f.key + "Name"] = core::RegionTable::instance().fullName(values.str(col));
      break;
    case FieldType::idNo: j[f.key] = fullPersonal ? values.str(col) : core::maskIdNumber(values.str(col)); break;
    case FieldType::mobile: j[f.key] = fullPersonal ? values.str(col) : core::maskMobile(values.str(col)); break;
    default: j[f.key] = values.str(col);
  }
}

modules::ExportColumn exportColumn(const FieldSpec& f) {
  modules::ExportColumn c{f.key, f.label, io::ColumnKind::text, 16};
  switch (f.type) {
    case FieldType::integer: c.kind = io::ColumnKind::integer; c.width = 12; break;
    case FieldType::decimal: c.kind = io::ColumnKind::decimal; c.width = 12; break;
    case FieldType::date:
    case FieldType::pastDate: c.kind = io::ColumnKind::date; c.width = 12; break;
    case FieldType::options: c.key = f.key + "Names"; c.width = 30; break;
    case FieldType::option:
    case FieldType::region: c.key = f.key + "Name"; c.width = 24; break;
    case FieldType::idNo:
    case FieldType::creditCode: c.width = 22; break;
    default: c.width = f.maxLength > 60 ? 36 : 16;
  }
  return c;
}

}  // namespace

json RegistryService::toJson(const Record& r, bool fullPersonal) const {
  json j;
  j["id"] = r.id;
  for (const auto& f : spec_.fields) fieldJson(j, f, r.values, fullPersonal);
  j["orgId"] = r.orgId;
  j["orgName"] = r.orgName;
  j["createdAt"] = core::toIso(r.createdAt);
  j["updatedAt"] = core::toIso(r.updatedAt);
  if (spec_.decorate) spec_.decorate(j, r);
  return j;
}

Values RegistryService::readValues(const json& body, FieldErrors& errors) const {
  core::Form form(body, errors);
  Values v;
  for (const auto& f : spec_.fields) {
    if (f.type == FieldType::integer || f.type == FieldType::decimal) {
      v[f.column] = readNumber(f, body, form, errors);
      continue;
    }
    if (f.type == FieldType::options) {
      v[f.column] = readCodes(f, form, errors);
      continue;
    }
    std::string text = form.text(f.key, f.label, {f.required, f.maxLength, f.type == FieldType::multiline});
    if (text.empty() || errors.has(f.key)) {
      v[f.column] = std::monostate{};
      continue;
    }
    auto typed = checkTyped(f, text, errors);
    v[f.column] = typed ? db::Value(*typed) : db::Value(std::monostate{});
  }
  if (spec_.validate && errors.empty()) spec_.validate(v, errors);
  return v;
}

// The org given in the form (inside the caller's scope), else the record's current one, else the
// police org of the record's region (which must lie inside the scope), else the caller's own.
SupervisingOrg RegistryService::supervisingOrg(db::Conn& c, const core::Principal& p, const json& body, const Values& v,
                                               std::optional<long long> current) const {
  FieldErrors errors;
  core::Form form(body, errors);
  auto orgId = form.id("orgId", "监管单位", false);
  errors.throwIfAny();
  if (orgId || current) {
    auto org = system::OrgService::visibleOrg(c, p, orgId ? *orgId : *current, "监管单位不存在");
    return {org.id, org.path};
  }
  for (const auto& f : spec_.fields) {
    if (f.type != FieldType::region) continue;
    const auto* code = std::get_if<std::string>(&v.at(f.column));
    if (!code) continue;
    auto org = orgOfRegion(c, *code);
    if (org && p.scope.coversOrg(org->path)) return *org;
    if (org) throw invalidField(f.key, f.label + "不在您的管辖范围内");
  }
  return {p.orgId, p.orgPath};
}

void RegistryService::checkUnique(db::Conn& c, const Values& v, long long exceptId) const {
  for (const auto& column : spec_.uniqueColumns) {
    const auto* value = std::get_if<std::string>(&v.at(column));
    if (!value || !store_.taken(c, column, *value, exceptId)) continue;
    auto f = std::find_if(spec_.fields.begin(), spec_.fields.end(), [&](const FieldSpec& x) { return x.column == column; });
    throw AppError(409, "conflict", f->label + "已存在:" + *value, {{f->key, f->label + "已存在"}});
  }
}

std::string RegistryService::nameOf(const Values& v) const {
  const auto* name = std::get_if<std::string>(&v.at(spec_.fields.front().column));
  return name ? *name : "";
}

RegistryFilter RegistryService::filter(db::Conn& c, const core::Principal& p, const RegistryQuery& q) const {
  RegistryFilter f{p.scope, std::nullopt, {}};
  if (q.orgId) f.orgPath = system::OrgService::visibleOrg(c, p, *q.orgId).path;
  for (const auto& fs : spec_.filters) {
    const auto given = q.filters.find(fs.param);
    if (given == q.filters.end() || given->second.empty()) continue;
    const bool date = fs.kind == FilterKind::dateFrom || fs.kind == FilterKind::dateTo;
    if (date && !core::isValidDate(given->second)) throw invalidField(fs.param, fs.label + "不是有效日期,应为 YYYY-MM-DD");
    if (fs.kind == FilterKind::region && !core::RegionTable::instance().find(given->second))
      throw invalidField(fs.param, fs.label + "不存在");
    if (fs.kind == FilterKind::choice &&
        std::none_of(fs.choices.begin(), fs.choices.end(), [&](const auto& ch) { return ch.first == given->second; }))
      throw invalidField(fs.param, fs.label + "的取值无效");
    f.terms.emplace_back(fs, given->second);
  }
  return f;
}

void RegistryService::requireVisible(db::Conn& c, const core::Principal& p, long long id) const {
  if (!store_.visible(c, p.scope, id)) throw notFound(spec_.title + "不存在");
}

std::optional<json> RegistryService::findJson(db::Conn& c, long long id, bool fullPersonal) const {
  auto r = store_.find(c, id);
  if (!r) return std::nullopt;
  return toJson(*r, fullPersonal);
}

json RegistryService::recordJson(db::Conn& c, long long id, bool fullPersonal) const {
  auto j = findJson(c, id, fullPersonal);
  if (!j) throw notFound(spec_.title + "不存在");
  return std::move(*j);
}

json RegistryService::list(const core::Principal& p, const RegistryQuery& q, const core::PageRequest& page) {
  return ctx_.db.read([&](db::Conn& c) {
    auto [records, total] = store_.list(c, filter(c, p, q), page);
    json items = json::array();
    for (const auto& r : records) items.push_back(toJson(r, fullPersonal(p)));
    return modules::pageJson(std::move(items), total, page);
  });
}

json RegistryService::stats(const core::Principal& p, const RegistryQuery& q, const std::string& given) {
  const std::string groupBy = given.empty() ? "region" : given;  // the map's first view: by region
  const FilterSpec* dim = nullptr;
  std::string names;
  for (const auto& fs : spec_.filters) {
    if (fs.kind != FilterKind::region && fs.kind != FilterKind::choice) continue;
    const std::string key = fs.kind == FilterKind::region ? "region" : fs.param;
    names += (names.empty() ? "" : "、") + key;
    if (key == groupBy) dim = &fs;
  }
  if (!dim) throw invalidField("groupBy", "统计维度应为 " + names + " 之一");
  return ctx_.db.read([&](db::Conn& c) {
    // A choice's own filter gives way to its groups (each group is that filter set to its key).
    RegistryQuery query = q;
    if (dim->kind == FilterKind::choice) query.filters.erase(dim->param);
    const RegistryFilter f = filter(c, p, query);
    // The groups: a choice filter's keys; by region, the cities or counties of the region filter, else
    // of the caller's own org.
    std::vector<std::pair<std::string, std::string>> groups = dim->choices;
    if (dim->kind == FilterKind::region) {
      std::string base;
      if (const auto given = q.filters.find(dim->param); given != q.filters.end()) base = given->second;
      if (base.empty()) {
        const auto own = system::OrgStore().find(c, p.orgId);
        base = own ? own->regionCode : "610000";
      }
      for (const auto& code : core::statRegionsOf(base)) groups.emplace_back(code, core::RegionTable::instance().find(code)->name);
    }
    std::vector<db::Query> terms;
    for (const auto& g : groups) terms.push_back(RegistryStore::term(*dim, g.first));
    const auto counts = store_.countEach(c, f, terms);
    json out = json::array();
    for (std::size_t i = 0; i < groups.size(); ++i)
      out.push_back({{"key", groups[i].first}, {"label", groups[i].second}, {"count", counts[i]}});
    return json{{"total", store_.count(c, f)}, {"groups", std::move(out)}};
  });
}

modules::ExportFile RegistryService::exportFile(const core::Actor& a, const RegistryQuery& q) {
  std::vector<modules::ExportColumn> columns;
  for (const auto& f : spec_.fields) columns.push_back(exportColumn(f));
  columns.push_back({"orgName", "监管单位", io::ColumnKind::text, 18});
  columns.push_back({"createdAt", "登记时间", io::ColumnKind::datetime, 20});
  const bool full = fullPersonal(a.who);
  auto file = modules::exportXlsx(spec_.title, columns, [&](const auto& sink) {
    ctx_.db.read([&](db::Conn& c) { store_.forEach(c, filter(c, a.who, q), [&](const Record& r) { sink(toJson(r, full)); }); });
  });
  ctx_.db.write([&](db::Conn& c) {
    audit::record(c, a, "export", spec_.module, "",
                  "导出" + spec_.title + " " + std::to_string(file.rows) + " 条(条件:" + q.conditions + ")");
  });
  return file;
}

json RegistryService::get(const core::Actor& a, long long id) {
  const bool full = fullPersonal(a.who);
  const bool hasPersonal = std::any_of(spec_.fields.begin(), spec_.fields.end(), [](const FieldSpec& f) { return f.personal; });
  auto load = [&](db::Conn& c) {
    requireVisible(c, a.who, id);
    return recordJson(c, id, full);
  };
  if (!(full && hasPersonal)) return ctx_.db.read(load);
  // A full view of personal data is recorded: who looked at whose ID number and mobile, and when.
  return ctx_.db.write([&](db::Conn& c) {
    json j = load(c);
    audit::record(c, a, "view_pii", spec_.module, std::to_string(id), "查看" + spec_.title + "的完整个人信息");
    return j;
  });
}

json RegistryService::create(const core::Actor& a, const json& body) {
  FieldErrors errors;
  Values v = readValues(body, errors);
  errors.throwIfAny();
  // The supervising org is settled before the slow work, so that an org outside the scope is refused at once.
  const SupervisingOrg org = ctx_.db.read([&](db::Conn& c) { return supervisingOrg(c, a.who, body, v, std::nullopt); });
  const std::string prepared = spec_.prepareCreate ? spec_.prepareCreate() : std::string();
  return ctx_.db.write([&](db::Conn& c) {
    checkUnique(c, v, 0);
    const long long id = store_.insert(c, v, org, core::nowMs(), a.who.userId);
    if (spec_.afterCreate) spec_.afterCreate(c, id, prepared);
    audit::record(c, a, "create", spec_.module, std::to_string(id), "新增" + spec_.title + " " + nameOf(v));
    return recordJson(c, id, fullPersonal(a.who));
  });
}

json RegistryService::update(const core::Actor& a, long long id, const json& body,
                             const std::function<void(db::Conn&)>& alsoInTransaction) {
  // Masked personal fields sent back unchanged keep their stored values.
  json sent = body;
  ctx_.db.read([&](db::Conn& c) {
    requireVisible(c, a.who, id);
    const json stored = recordJson(c, id, true);
    for (const auto& f : spec_.fields)
      if (f.personal && stored[f.key].is_string()) core::restoreMaskedValue(sent, f.key, stored[f.key].get<std::string>());
  });
  FieldErrors errors;
  Values v = readValues(sent, errors);
  errors.throwIfAny();
  return ctx_.db.write([&](db::Conn& c) {
    requireVisible(c, a.who, id);
    const SupervisingOrg org = supervisingOrg(c, a.who, sent, v, store_.find(c, id)->orgId);
    checkUnique(c, v, id);
    store_.update(c, id, v, org, core::nowMs());
    if (spec_.afterUpdate) spec_.afterUpdate(c, id, v, org.id, org.path);
    audit::record(c, a, "update", spec_.module, std::to_string(id), "修改" + spec_.title + " " + nameOf(v));
    if (alsoInTransaction) alsoInTransaction(c);
    return recordJson(c, id, fullPersonal(a.who));
  });
}

void RegistryService::remove(const core::Actor& a, long long id) {
  if (!spec_.deletable) throw AppError(405, "method_not_allowed", spec_.title + "不能删除");
  ctx_.db.write([&](db::Conn& c) {
    requireVisible(c, a.who, id);
    if (spec_.beforeDelete) spec_.beforeDelete(c, id);
    const std::string name = store_.find(c, id)->values.str(spec_.fields.front().column);
    store_.remove(c, id);
    audit::record(c, a, "delete", spec_.module, std::to_string(id), "删除" + spec_.title + " " + name);
  });
}

}  // namespace baoan::industry
