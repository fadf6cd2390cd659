#include "modules/industry/registry.h"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "core/clock.h"
#include "core/regions.h"
#include "core/validation.h"
#include "db/scope_sql.h"
#include "modules/audit/audit_log.h"
#include "modules/export_util.h"
#include "modules/route_util.h"
#include "modules/system/org_service.h"

namespace baoan::industry {

using nlohmann::json;

namespace {

std::string optionName(const FieldSpec& f, const std::string& code) {
  for (const auto& o : f.options)
    if (o.code == code) return std::string(o.name);
  return code;
}

std::vector<std::string> splitCodes(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream in(s);
  std::string item;
  while (std::getline(in, item, ',')) if (!item.empty()) out.push_back(item);
  return out;
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
  switch (f.type) {
    case FieldType::idNo: {
      std::transform(value.begin(), value.end(), value.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
      if (auto e = core::checkIdNumber(value)) {
        errors.add(f.key, f.label + *e);
        return std::nullopt;
      }
      return value;
    }
    case FieldType::mobile: {
      std::string out;
      if (auto e = core::normalizeMobile(value, out)) {
        errors.add(f.key, f.label + *e);
        return std::nullopt;
      }
      return out;
    }
    case FieldType::phone:
      if (!isPhone(value)) {
        errors.add(f.key, f.label + "格式错误,应为固定电话或手机号码");
        return std::nullopt;
      }
      return value;
    case FieldType::creditCode: {
      std::transform(value.begin(), value.end(), value.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
      if (auto e = core::checkCreditCode(value)) {
        errors.add(f.key, f.label + *e);
        return std::nullopt;
      }
      return value;
    }
    case FieldType::date:
    case FieldType::pastDate:
      if (!core::isValidDate(value)) {
        errors.add(f.key, f.label + "不是有效日期,应为 YYYY-MM-DD");
        return std::nullopt;
      }
      if (f.type == FieldType::pastDate && value > core::toChinaDate(core::nowMs())) {
        errors.add(f.key, f.label + "不能晚于今天");
        return std::nullopt;
      }
      return value;
    case FieldType::region:
      if (!core::RegionTable::instance().find(value)) {
        errors.add(f.key, f.label + "不是有效的行政区划代码");
        return std::nullopt;
      }
      return value;
    case FieldType::option:
      if (std::none_of(f.options.begin(), f.options.end(), [&](const core::CodeName& o) { return o.code == value; })) {
        errors.add(f.key, f.label + "的取值无效");
        return std::nullopt;
      }
      return value;
    default:
      return value;
  }
}

}  // namespace

std::optional<std::pair<long long, std::string>> orgOfRegion(db::Conn& c, const std::string& regionCode) {
  // Walk up from the region (town → county → city) until some police org answers for it.
  auto path = core::RegionTable::instance().path(regionCode);
  for (auto it = path.rbegin(); it != path.rend(); ++it) {
    auto r = c.queryOne(db::Query(
        "SELECT id, path FROM orgs WHERE region_code = ? AND type IN ('district_bureau', 'county_bureau', 'city_bureau', "
        "'province_dept') ORDER BY level DESC, id LIMIT 1",
        (*it)->code));
    if (r) return std::make_pair(r->i64(0), r->str(1));
  }
  return std::nullopt;
}

std::string RegistryService::selectSql() const {
  std::string sql = "SELECT t.id";
  for (const auto& f : spec_.fields) sql += ", t." + f.column;
  sql += ", t.org_id, t.org_path, o.name, t.created_at, t.updated_at";
  if (!spec_.extraColumns.empty()) sql += ", " + spec_.extraColumns;
  sql += " FROM " + spec_.table + " t JOIN orgs o ON o.id = t.org_id";
  return sql;
}

json RegistryService::rowJson(const db::Row& r, bool fullPersonal) const {
  json j;
  j["id"] = r.i64(0);
  std::size_t i = 1;
  for (const auto& f : spec_.fields) {
    const std::size_t col = i++;
    if (r.isNull(col)) {
      j[f.key] = f.type == FieldType::options ? json::array() : json(nullptr);
      if (f.type == FieldType::options) j[f.key + "Names"] = "";
      if (f.type == FieldType::option || f.type == FieldType::region) j[f.key + "Name"] = nullptr;
      continue;
    }
    switch (f.type) {
      case FieldType::integer: j[f.key] = r.i64(col); break;
      case FieldType::decimal: j[f.key] = std::get_if<double>(&r.values[col]) ? std::get<double>(r.values[col]) : static_cast<double>(r.i64(col)); break;
      case FieldType::options: {
        json codes = json::array();
        std::string names;
        for (const auto& code : splitCodes(r.str(col))) {
          codes.push_back(code);
          names += (names.empty() ? "" : "、") + optionName(f, code);
        }
        j[f.key] = codes;
        j[f.key + "Names"] = names;
        break;
      }
      case FieldType::option:
        j[f.key] = r.str(col);
        j[f.key + "Name"] = optionName(f, r.str(col));
        break;
      case FieldType::region:
        j[f.key] = r.str(col);
        j[f.key + "Name"] = core::RegionTable::instance().fullName(r.str(col));
        break;
      case FieldType::idNo: j[f.key] = fullPersonal ? r.str(col) : core::maskIdNumber(r.str(col)); break;
      case FieldType::mobile: j[f.key] = fullPersonal ? r.str(col) : core::maskMobile(r.str(col)); break;
      default: j[f.key] = r.str(col);
    }
  }
  j["orgId"] = r.i64(i);
  j["orgName"] = r.str(i + 2);
  j["createdAt"] = core::toIso(r.i64(i + 3));
  j["updatedAt"] = core::toIso(r.i64(i + 4));
  if (spec_.decorate) spec_.decorate(j, r, i + 5);
  return j;
}

Values RegistryService::readValues(const json& body, FieldErrors& errors) const {
  core::Form form(body, errors);
  Values v;
  for (const auto& f : spec_.fields) {
    if (f.type == FieldType::integer || f.type == FieldType::decimal) {
      if (!form.has(f.key)) {
        if (f.required) errors.add(f.key, f.label + "不能为空");
        v[f.column] = std::monostate{};
        continue;
      }
      const json& raw = body.at(f.key);
      if (raw.is_string() && core::trim(raw.get<std::string>()).empty()) {
        if (f.required) errors.add(f.key, f.label + "不能为空");
        v[f.column] = std::monostate{};
      } else if (f.type == FieldType::integer) {
        auto n = parseInteger(raw);
        if (!n || *n < 0) errors.add(f.key, f.label + "应为不小于0的整数");
        else v[f.column] = *n;
      } else {
        auto d = parseDecimal(raw);
        if (!d) errors.add(f.key, f.label + "应为数字");
        else v[f.column] = *d;
      }
      continue;
    }
    if (f.type == FieldType::options) {
      auto codes = form.strings(f.key, f.label);
      std::vector<std::string> kept;
      for (const auto& code : codes) {
        if (std::none_of(f.options.begin(), f.options.end(), [&](const core::CodeName& o) { return o.code == code; })) {
          errors.add(f.key, f.label + "包含无效的选项:" + code);
          break;
        }
        if (std::find(kept.begin(), kept.end(), code) == kept.end()) kept.push_back(code);
      }
      std::string joined;
      for (const auto& code : kept) joined += (joined.empty() ? "" : ",") + code;
      if (f.required && codes.empty() && !errors.has(f.key)) errors.add(f.key, "请选择" + f.label);
      v[f.column] = joined.empty() ? db::Value(std::monostate{}) : db::Value(joined);
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

std::pair<long long, std::string> RegistryService::supervisingOrg(db::Conn& c, const core::Principal& p, const json& body,
                                                                  const Values& v, std::optional<long long> current) {
  FieldErrors errors;
  core::Form form(body, errors);
  auto orgId = form.id("orgId", "监管单位", false);
  errors.throwIfAny();
  if (orgId) {
    auto org = system::OrgService::visibleOrg(c, p, *orgId, "监管单位不存在");
    return {org.id, org.path};
  }
  if (current) {
    auto org = system::OrgService::visibleOrg(c, p, *current, "监管单位不存在");
    return {org.id, org.path};
  }
  for (const auto& f : spec_.fields) {
    if (f.type != FieldType::region) continue;
    const auto* code = std::get_if<std::string>(&v.at(f.column));
    if (!code) continue;
    auto org = orgOfRegion(c, *code);
    if (org && p.scope.coversOrg(org->second)) return *org;
    if (org) throw invalidField(f.key, f.label + "不在您的管辖范围内");
  }
  return {p.orgId, p.orgPath};
}

void RegistryService::checkUnique(db::Conn& c, const Values& v, long long exceptId) const {
  for (const auto& column : spec_.uniqueColumns) {
    const auto* value = std::get_if<std::string>(&v.at(column));
    if (!value) continue;
    const long long n =
        c.scalar(db::Query("SELECT COUNT(*) FROM " + spec_.table + " WHERE " + column + " = ? AND id <> ?", *value, exceptId));
    if (n == 0) continue;
    auto f = std::find_if(spec_.fields.begin(), spec_.fields.end(), [&](const FieldSpec& x) { return x.column == column; });
    throw AppError(409, "conflict", f->label + "已存在:" + *value, {{f->key, f->label + "已存在"}});
  }
}

db::Query RegistryService::whereClause(db::Conn& c, const core::Principal& p, const http::Request& req) const {
  db::Query where(" WHERE ");
  db::appendScope(where, p.scope, "t.org_path", "t.created_by");
  if (!req.q("orgId").empty()) {  // the org tree on the left of the page: that org and below
    const auto org = system::OrgService::visibleOrg(c, p, *req.queryId("orgId"));
    where.append(" AND t.org_path >= ? AND t.org_path < ?", org.path, core::pathUpperBound(org.path));
  }
  for (const auto& f : spec_.filters) {
    const std::string v = req.q(f.param);
    if (v.empty()) continue;
    switch (f.kind) {
      case FilterKind::contains: where.append(" AND t." + f.column + " LIKE ? ESCAPE '\\'", db::likeContains(v)); break;
      case FilterKind::equals: where.append(" AND t." + f.column + " = ?", v); break;
      case FilterKind::prefix: where.append(" AND t." + f.column + " LIKE ? ESCAPE '\\'", db::likeContains(v).substr(1)); break;
      case FilterKind::dateFrom:
      case FilterKind::dateTo:
        if (!core::isValidDate(v)) throw invalidField(f.param, f.label + "不是有效日期,应为 YYYY-MM-DD");
        where.append(" AND t." + f.column + (f.kind == FilterKind::dateFrom ? " >= ?" : " <= ?"), v);
        break;
    }
  }
  return where;
}

nlohmann::json RegistryService::list(const core::Principal& p, const http::Request& req, const core::PageRequest& page) {
  return ctx_.db.read([&](db::Conn& c) {
    db::Query where = whereClause(c, p, req);
    const long long total = c.scalar(db::Query("SELECT COUNT(*) FROM " + spec_.table + " t").add(where));
    const bool full = p.has(spec_.module + ":pii");
    json items = json::array();
    for (const auto& r : c.query(db::Query(selectSql()).add(where).append(" ORDER BY t.id DESC LIMIT ? OFFSET ?", page.size, page.offset())))
      items.push_back(rowJson(r, full));
    return modules::pageJson(std::move(items), total, page);
  });
}

void RegistryService::forEachFiltered(const core::Principal& p, const http::Request& req,
                                      const std::function<void(const nlohmann::json&)>& fn) {
  const bool full = p.has(spec_.module + ":pii");
  ctx_.db.read([&](db::Conn& c) {
    db::Query where = whereClause(c, p, req);
    c.forEach(db::Query(selectSql()).add(where).append(" ORDER BY t.id DESC"), [&](const db::Row& r) { fn(rowJson(r, full)); });
  });
}

http::Response RegistryService::exportFile(const core::Actor& a, const http::Request& req) {
  std::vector<modules::ExportColumn> columns;
  for (const auto& f : spec_.fields) {
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
    columns.push_back(c);
  }
  columns.push_back({"orgName", "监管单位", io::ColumnKind::text, 18});
  columns.push_back({"createdAt", "登记时间", io::ColumnKind::datetime, 20});
  auto [response, rows] = modules::exportXlsx(spec_.title, columns, [&](const auto& sink) { forEachFiltered(a.who, req, sink); });
  ctx_.db.write([&, n = rows](db::Conn& c) {
    audit::record(c, a, "export", spec_.module, "", "导出" + spec_.title + " " + std::to_string(n) + " 条(条件:" + req.target + ")");
  });
  return response;
}

std::string RegistryService::visiblePath(db::Conn& c, const core::Principal& p, long long id) {
  auto r = c.queryOne(db::Query("SELECT org_path, created_by FROM " + spec_.table + " WHERE id = ?", id));
  if (!r || !p.scope.covers(r->str(0), r->i64(1))) throw notFound(spec_.title + "不存在");
  return r->str(0);
}

nlohmann::json RegistryService::get(const core::Actor& a, long long id) {
  const bool full = a.who.has(spec_.module + ":pii");
  const bool hasPersonal = std::any_of(spec_.fields.begin(), spec_.fields.end(), [](const FieldSpec& f) { return f.personal; });
  auto load = [&](db::Conn& c) {
    visiblePath(c, a.who, id);
    return rowJson(*c.queryOne(db::Query(selectSql() + " WHERE t.id = ?", id)), full);
  };
  if (!(full && hasPersonal)) return ctx_.db.read(load);
  // A full view of personal data is recorded: who looked at whose ID number and mobile, and when.
  return ctx_.db.write([&](db::Conn& c) {
    json j = load(c);
    audit::record(c, a, "view_pii", spec_.module, std::to_string(id), "查看" + spec_.title + "的完整个人信息");
    return j;
  });
}

nlohmann::json RegistryService::create(const core::Actor& a, const nlohmann::json& body) {
  FieldErrors errors;
  Values v = readValues(body, errors);
  errors.throwIfAny();
  const std::string prepared = spec_.prepareCreate ? spec_.prepareCreate() : std::string();
  return ctx_.db.write([&](db::Conn& c) {
    auto [orgId, orgPath] = supervisingOrg(c, a.who, body, v, std::nullopt);
    checkUnique(c, v, 0);
    const long long now = core::nowMs();
    std::string columns;
    for (const auto& f : spec_.fields) columns += f.column + ", ";
    db::Query q("INSERT INTO " + spec_.table + " (" + columns + "org_id, org_path, created_at, updated_at, created_by) VALUES (");
    for (const auto& f : spec_.fields) q.appendValue("?, ", v.at(f.column));
    q.append("?, ?, ?, ?, ?)", orgId, orgPath, now, now, a.who.userId);
    const long long id = c.insert(q);
    if (spec_.afterCreate) spec_.afterCreate(c, id, v, a, prepared);
    const auto& first = spec_.fields.front();
    const auto* name = std::get_if<std::string>(&v.at(first.column));
    audit::record(c, a, "create", spec_.module, std::to_string(id), "新增" + spec_.title + " " + (name ? *name : ""));
    return rowJson(*c.queryOne(db::Query(selectSql() + " WHERE t.id = ?", id)), a.who.has(spec_.module + ":pii"));
  });
}

nlohmann::json RegistryService::update(const core::Actor& a, long long id, const nlohmann::json& body) {
  // Masked personal fields sent back unchanged keep their stored values.
  json sent = body;
  ctx_.db.read([&](db::Conn& c) {
    visiblePath(c, a.who, id);
    auto current = c.queryOne(db::Query(selectSql() + " WHERE t.id = ?", id));
    json stored = rowJson(*current, true);
    for (const auto& f : spec_.fields)
      if (f.personal && stored[f.key].is_string()) core::restoreMaskedValue(sent, f.key, stored[f.key].get<std::string>());
  });
  FieldErrors errors;
  Values v = readValues(sent, errors);
  errors.throwIfAny();
  return ctx_.db.write([&](db::Conn& c) {
    visiblePath(c, a.who, id);
    const long long currentOrg = c.scalar(db::Query("SELECT org_id FROM " + spec_.table + " WHERE id = ?", id));
    auto [orgId, orgPath] = supervisingOrg(c, a.who, sent, v, currentOrg);
    checkUnique(c, v, id);
    db::Query q("UPDATE " + spec_.table + " SET ");
    for (const auto& f : spec_.fields) q.appendValue(f.column + " = ?, ", v.at(f.column));
    q.append("org_id = ?, org_path = ?, updated_at = ? WHERE id = ?", orgId, orgPath, core::nowMs(), id);
    c.exec(q);
    if (spec_.afterUpdate) spec_.afterUpdate(c, id, v, orgId, orgPath);
    const auto* name = std::get_if<std::string>(&v.at(spec_.fields.front().column));
    audit::record(c, a, "update", spec_.module, std::to_string(id), "修改" + spec_.title + " " + (name ? *name : ""));
    return rowJson(*c.queryOne(db::Query(selectSql() + " WHERE t.id = ?", id)), a.who.has(spec_.module + ":pii"));
  });
}

void RegistryService::remove(const core::Actor& a, long long id) {
  if (!spec_.deletable) throw AppError(405, "method_not_allowed", spec_.title + "不能删除");
  ctx_.db.write([&](db::Conn& c) {
    visiblePath(c, a.who, id);
    if (spec_.beforeDelete) spec_.beforeDelete(c, id);
    auto name = c.queryOne(db::Query("SELECT " + spec_.fields.front().column + " FROM " + spec_.table + " WHERE id = ?", id));
    c.exec(db::Query("DELETE FROM " + spec_.table + " WHERE id = ?", id));
    audit::record(c, a, "delete", spec_.module, std::to_string(id), "删除" + spec_.title + " " + (name ? name->str(0) : ""));
  });
}

std::shared_ptr<RegistryService> registerRegistryRoutes(http::Router& r, app::Context& ctx, EntitySpec spec) {
  auto svc = std::make_shared<RegistryService>(ctx, std::move(spec));
  const std::string base = "/api/v1/" + svc->spec().resource;
  const std::string m = svc->spec().module;
  using http::Ctx;
  using http::Response;
  r.get(base, [svc](Ctx& c) { return Response::json(svc->list(c.user(), c.req, modules::page(c))); }, {.permission = m + ":view"});
  r.get(base + "/export", [svc](Ctx& c) { return svc->exportFile(modules::actor(c), c.req); }, {.permission = m + ":export"});
  r.get(base + "/{id}", [svc](Ctx& c) { return Response::json(svc->get(modules::actor(c), c.req.idParam())); },
        {.permission = m + ":view"});
  r.post(base, [svc, base](Ctx& c) {
    auto j = svc->create(modules::actor(c), c.req.json());
    return Response::created(j, base + "/" + std::to_string(j["id"].get<long long>()));
  }, {.permission = m + ":create"});
  r.put(base + "/{id}", [svc](Ctx& c) { return Response::json(svc->update(modules::actor(c), c.req.idParam(), c.req.json())); },
        {.permission = m + ":update"});
  if (svc->spec().deletable)
    r.del(base + "/{id}", [svc](Ctx& c) {
      svc->remove(modules::actor(c), c.req.idParam());
      return Response::noContent();
    }, {.permission = m + ":delete"});
  return svc;
}

}  // namespace baoan::industry
