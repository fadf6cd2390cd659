#include "modules/industry/good_deed_service.h"

#include "core/clock.h"
#include "core/error.h"
#include "core/validation.h"
#include "modules/audit/audit_log.h"
#include "modules/dto_util.h"
#include "modules/industry/industry_forms.h"
#include "modules/system/org_service.h"

namespace baoan::industry {

using nlohmann::json;

namespace {
json toJson(const DeedRow& d, bool full) {
  return {{"id", d.id},
          {"guardId", d.guardId},
          {"guardName", d.guardName},
          {"idNo", full ? d.guardIdNo : core::maskIdNumber(d.guardIdNo)},
          {"mobile", full ? d.guardMobile : core::maskMobile(d.guardMobile)},
          {"companyId", d.companyId},
          {"companyName", d.companyName},
          {"title", d.title},
          {"content", d.content},
          {"occurredOn", d.occurredOn},
          {"place", modules::textOrNull(d.place)},
          {"orgId", d.orgId},
          {"createdAt", core::toIso(d.createdAt)},
          {"updatedAt", core::toIso(d.updatedAt)}};
}

DeedFields readFields(const json& body) {
  FieldErrors errors;
  core::Form form(body, errors);
  DeedFields f;
  f.guardId = form.id("guardId", "保安员", true).value_or(0);
  const core::FormSpec& spec = goodDeedForm();
  f.title = form.text(spec["title"]);
  f.content = form.text(spec["content"]);
  f.occurredOn = form.pastDate(spec["occurredOn"]);
  f.place = form.optionalText(spec["place"]);
  errors.throwIfAny();
  return f;
}

DeedFilter filterOf(const DeedQuery& q) {
  DeedFilter f;
  f.guardName = q.guardName;
  f.idNo = q.idNo;
  f.mobile = q.mobile;
  f.companyName = q.companyName;
  return f;
}
}  // namespace

void GoodDeedService::followCompany(db::Conn& c, long long companyId, const std::string& orgPath) {
  GoodDeedStore().followCompany(c, companyId, orgPath);
}

void GoodDeedService::checkOwnGuard(db::Conn& c, long long companyId, long long guardId) {
  if (!guards_.everEmployedBy(c, guardId, "company", companyId)) throw invalidField("guardId", "该保安员不是本公司人员");
}

DeedFilter GoodDeedService::policeFilter(db::Conn& c, const core::Principal& p, const DeedQuery& q) const {
  DeedFilter f = filterOf(q);
  f.scope = &p.scope;
  if (q.orgId) f.orgPath = system::OrgService::visibleOrg(c, p, *q.orgId).path;
  return f;
}

json GoodDeedService::pageJson(db::Conn& c, const DeedFilter& f, const core::PageRequest& page, bool fullPersonal) const {
  auto [rows, total] = store_.list(c, f, page);
  json items = json::array();
  for (const auto& d : rows) items.push_back(toJson(d, fullPersonal));
  return modules::pageJson(std::move(items), total, page);
}

json GoodDeedService::list(const core::Principal& p, const DeedQuery& q, const core::PageRequest& page) {
  return ctx_.db.read([&](db::Conn& c) { return pageJson(c, policeFilter(c, p, q), page, p.has("guard:pii")); });
}

json GoodDeedService::portalList(const core::Principal& p, const DeedQuery& q, const core::PageRequest& page) {
  DeedFilter f = filterOf(q);
  f.companyId = p.companyId;
  return ctx_.db.read([&](db::Conn& c) { return pageJson(c, f, page, true); });  // the company's own employees
}

modules::ExportFile GoodDeedService::exportFile(const core::Actor& a, const DeedQuery& q) {
  const bool full = a.who.has("guard:pii");
  using io::ColumnKind;
  const std::vector<modules::ExportColumn> columns = {
      {"guardName", "保安员姓名", ColumnKind::text, 10}, {"idNo", "身份证号", ColumnKind::text, 22},
      {"mobile", "手机号", ColumnKind::text, 14},        {"companyName", "所属公司", ColumnKind::text, 30},
      {"title", "事迹标题", ColumnKind::text, 24},       {"content", "事迹内容", ColumnKind::text, 60},
      {"occurredOn", "发生日期", ColumnKind::date, 12},  {"place", "发生地点", ColumnKind::text, 20}};
  auto file = modules::exportXlsx("好人好事", columns, [&](const auto& sink) {
    ctx_.db.read([&](db::Conn& c) { store_.forEach(c, policeFilter(c, a.who, q), [&](const DeedRow& d) { sink(toJson(d, full)); }); });
  });
  ctx_.db.write([&](db::Conn& c) {
    audit::record(c, a, "export", "good_deed", "", "导出好人好事 " + std::to_string(file.rows) + " 条(条件:" + q.conditions + ")");
  });
  return file;
}

json GoodDeedService::get(const core::Principal& p, long long id) {
  return ctx_.db.read([&](db::Conn& c) {
    if (!store_.visible(c, p.scope, id)) throw notFound("好人好事记录不存在");
    return toJson(*store_.find(c, id), p.has("guard:pii"));
  });
}

json GoodDeedService::portalGet(const core::Principal& p, long long id) {
  return ctx_.db.read([&](db::Conn& c) {
    auto d = store_.find(c, id);
    // Another company's deed does not exist for this company.
    if (!d || d->companyId != p.companyId) throw notFound("好人好事记录不存在");
    return toJson(*d, true);
  });
}

json GoodDeedService::create(const core::Actor& a, const json& body) {
  const DeedFields f = readFields(body);
  return ctx_.db.write([&](db::Conn& c) {
    checkOwnGuard(c, a.who.companyId, f.guardId);
    const std::string orgPath = companies_.find(c, a.who.companyId)->orgPath;
    const long long id = store_.insert(c, f, a.who.companyId, orgPath, core::nowMs(), a.who.userId);
    audit::record(c, a, "create", "good_deed", std::to_string(id), "新增好人好事 " + f.title);
    return toJson(*store_.find(c, id), true);
  });
}

json GoodDeedService::update(const core::Actor& a, long long id, const json& body) {
  // Another company's deed does not exist for this company, whatever the form says.
  ctx_.db.read([&](db::Conn& c) {
    if (!store_.ownedBy(c, id, a.who.companyId)) throw notFound("好人好事记录不存在");
  });
  const DeedFields f = readFields(body);
  return ctx_.db.write([&](db::Conn& c) {
    if (!store_.ownedBy(c, id, a.who.companyId)) throw notFound("好人好事记录不存在");
    checkOwnGuard(c, a.who.companyId, f.guardId);
    store_.update(c, id, f, core::nowMs());
    audit::record(c, a, "update", "good_deed", std::to_string(id), "修改好人好事 " + f.title);
    return toJson(*store_.find(c, id), true);
  });
}

}  // namespace baoan::industry
