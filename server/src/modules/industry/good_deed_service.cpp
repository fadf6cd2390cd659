#include "modules/industry/good_deed_service.h"

#include "core/clock.h"
#include "core/error.h"
#include "core/form.h"
#include "core/validation.h"
#include "db/scope_sql.h"
#include "modules/audit/audit_log.h"
#include "modules/export_util.h"
#include "modules/route_util.h"
#include "modules/system/org_service.h"

namespace baoan::industry {

using nlohmann::json;

namespace {
const char* kColumns =
    "SELECT d.id, d.guard_id, g.name, g.id_no, g.mobile, d.company_id, c.name, d.title, d.content, d.occurred_on, d.place, "
    "d.created_at, d.updated_at, d.org_path, c.org_id FROM good_deeds d JOIN guards g ON g.id = d.guard_id JOIN companies c ON c.id = d.company_id";

json toJson(const db::Row& r, bool full) {
  return {{"id", r.i64(0)},
          {"guardId", r.i64(1)},
          {"guardName", r.str(2)},
          {"idNo", full ? r.str(3) : core::maskIdNumber(r.str(3))},
          {"mobile", full ? r.str(4) : core::maskMobile(r.str(4))},
          {"companyId", r.i64(5)},
          {"companyName", r.str(6)},
          {"title", r.str(7)},
          {"content", r.str(8)},
          {"occurredOn", r.str(9)},
          {"place", r.optStr(10) ? json(*r.optStr(10)) : json(nullptr)},
          {"orgId", r.i64(14)},  // the supervising org: the company's
          {"createdAt", core::toIso(r.i64(11))},
          {"updatedAt", core::toIso(r.i64(12))}};
}

struct DeedFields {
  long long guardId = 0;
  std::string title, content, occurredOn;
  std::optional<std::string> place;
};

DeedFields readFields(const json& body) {
  FieldErrors errors;
  core::Form form(body, errors);
  DeedFields f;
  f.guardId = form.id("guardId", "保安员", true).value_or(0);
  f.title = form.text("title", "事迹标题", {true, 60});
  f.content = form.text("content", "事迹内容", {true, 2000, true});
  f.occurredOn = form.text("occurredOn", "发生日期", {true, 10});
  if (!f.occurredOn.empty() && !errors.has("occurredOn")) {
    if (!core::isValidDate(f.occurredOn)) errors.add("occurredOn", "发生日期不是有效日期,应为 YYYY-MM-DD");
    else if (f.occurredOn > core::toChinaDate(core::nowMs())) errors.add("occurredOn", "发生日期不能晚于今天");
  }
  f.place = form.optionalText("place", "发生地点", 200);
  errors.throwIfAny();
  return f;
}

// The guard must be, or have been, employed by the company.
void checkOwnGuard(db::Conn& c, long long companyId, long long guardId) {
  if (c.scalar(db::Query("SELECT COUNT(*) FROM employments WHERE guard_id = ? AND employer_kind = 'company' AND employer_id = ?",
                         guardId, companyId)) == 0)
    throw invalidField("guardId", "该保安员不是本公司人员");
}
}  // namespace

db::Query GoodDeedService::where(db::Conn& c, const core::Principal& p, const http::Request& req, bool portal) const {
  db::Query where(" WHERE ");
  if (portal) where.append("d.company_id = ?", p.companyId);
  else db::appendScope(where, p.scope, "d.org_path", "d.created_by");
  if (!portal && !req.q("orgId").empty()) {  // the org tree on the left: that org and below
    const auto org = system::OrgService::visibleOrg(c, p, *req.queryId("orgId"));
    where.append(" AND d.org_path >= ? AND d.org_path < ?", org.path, core::pathUpperBound(org.path));
  }
  if (!req.q("guardName").empty()) where.append(" AND g.name LIKE ? ESCAPE '\\'", db::likeContains(req.q("guardName")));
  if (!req.q("idNo").empty()) where.append(" AND g.id_no LIKE ? ESCAPE '\\'", db::likeContains(req.q("idNo")));
  if (!req.q("mobile").empty()) where.append(" AND g.mobile LIKE ? ESCAPE '\\'", db::likeContains(req.q("mobile")));
  if (!req.q("companyName").empty()) where.append(" AND c.name LIKE ? ESCAPE '\\'", db::likeContains(req.q("companyName")));
  return where;
}

json GoodDeedService::list(const core::Principal& p, const http::Request& req, const core::PageRequest& page, bool portal) {
  const bool full = portal || p.has("guard:pii");
  return ctx_.db.read([&](db::Conn& c) {
    const db::Query where = this->where(c, p, req, portal);
    const long long total = c.scalar(db::Query(
        "SELECT COUNT(*) FROM good_deeds d JOIN guards g ON g.id = d.guard_id JOIN companies c ON c.id = d.company_id").add(where));
    json items = json::array();
    for (const auto& r : c.query(db::Query(kColumns).add(where).append(" ORDER BY d.occurred_on DESC, d.id DESC LIMIT ? OFFSET ?",
                                                                        page.size, page.offset())))
      items.push_back(toJson(r, full));
    return modules::pageJson(std::move(items), total, page);
  });
}

http::Response GoodDeedService::exportFile(const core::Actor& a, const http::Request& req) {
  const bool full = a.who.has("guard:pii");
  using io::ColumnKind;
  const std::vector<modules::ExportColumn> columns = {
      {"guardName", "保安员姓名", ColumnKind::text, 10}, {"idNo", "身份证号", ColumnKind::text, 22},
      {"mobile", "手机号", ColumnKind::text, 14},        {"companyName", "所属公司", ColumnKind::text, 30},
      {"title", "事迹标题", ColumnKind::text, 24},       {"content", "事迹内容", ColumnKind::text, 60},
      {"occurredOn", "发生日期", ColumnKind::date, 12},  {"place", "发生地点", ColumnKind::text, 20}};
  auto [response, rows] = modules::exportXlsx("好人好事", columns, [&](const auto& sink) {
    ctx_.db.read([&](db::Conn& c) {
      const db::Query w = where(c, a.who, req, false);
      c.forEach(db::Query(kColumns).add(w).append(" ORDER BY d.occurred_on DESC, d.id DESC"), [&](const db::Row& r) { sink(toJson(r, full)); });
    });
  });
  ctx_.db.write([&, n = rows](db::Conn& c) {
    audit::record(c, a, "export", "good_deed", "", "导出好人好事 " + std::to_string(n) + " 条(条件:" + req.target + ")");
  });
  return response;
}

json GoodDeedService::get(const core::Principal& p, long long id, bool portal) {
  return ctx_.db.read([&](db::Conn& c) {
    auto r = c.queryOne(db::Query(std::string(kColumns) + " WHERE d.id = ?", id));
    const bool visible = r && (portal ? r->i64(5) == p.companyId : p.scope.coversOrg(r->str(13)));
    if (!visible) throw notFound("好人好事记录不存在");
    return toJson(*r, portal || p.has("guard:pii"));
  });
}

json GoodDeedService::create(const core::Actor& a, const json& body) {
  DeedFields f = readFields(body);
  return ctx_.db.write([&](db::Conn& c) {
    checkOwnGuard(c, a.who.companyId, f.guardId);
    const std::string orgPath =
        c.queryOne(db::Query("SELECT org_path FROM companies WHERE id = ?", a.who.companyId))->str(0);
    const long long now = core::nowMs();
    const long long id = c.insert(db::Query(
        "INSERT INTO good_deeds (guard_id, company_id, title, content, occurred_on, place, org_path, created_at, updated_at, created_by) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        f.guardId, a.who.companyId, f.title, f.content, f.occurredOn, f.place, orgPath, now, now, a.who.userId));
    audit::record(c, a, "create", "good_deed", std::to_string(id), "新增好人好事 " + f.title);
    return toJson(*c.queryOne(db::Query(std::string(kColumns) + " WHERE d.id = ?", id)), true);
  });
}

json GoodDeedService::update(const core::Actor& a, long long id, const json& body) {
  DeedFields f = readFields(body);
  return ctx_.db.write([&](db::Conn& c) {
    if (c.scalar(db::Query("SELECT COUNT(*) FROM good_deeds WHERE id = ? AND company_id = ?", id, a.who.companyId)) == 0)
      throw notFound("好人好事记录不存在");
    checkOwnGuard(c, a.who.companyId, f.guardId);
    c.exec(db::Query("UPDATE good_deeds SET guard_id = ?, title = ?, content = ?, occurred_on = ?, place = ?, updated_at = ? WHERE id = ?",
                     f.guardId, f.title, f.content, f.occurredOn, f.place, core::nowMs(), id));
    audit::record(c, a, "update", "good_deed", std::to_string(id), "修改好人好事 " + f.title);
    return toJson(*c.queryOne(db::Query(std::string(kColumns) + " WHERE d.id = ?", id)), true);
  });
}

}  // namespace baoan::industry
