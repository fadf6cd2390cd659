#include "modules/system/role_service.h"

#include "core/clock.h"
#include "core/error.h"
#include "core/form.h"
#include "core/grants.h"
#include "core/permissions.h"
#include "modules/audit/audit_log.h"
#include "modules/system/org_service.h"
#include "modules/system/system_forms.h"

namespace baoan::system {

using nlohmann::json;

namespace {
json listJson(const Role& r) {
  core::ScopeKind kind = core::ScopeKind::self;
  core::parseScopeKind(r.scopeKind, kind);
  return {{"id", r.id},
          {"orgId", r.orgId},
          {"orgName", r.orgName},
          {"name", r.name},
          {"dataScopeKind", r.scopeKind},
          {"dataScopeName", core::scopeKindName(kind)},
          {"permissionCount", r.permissionCount},
          {"userCount", r.userCount},
          {"createdAt", core::toIso(r.createdAt)}};
}

json detailJson(const Role& r) {
  json j = listJson(r);
  j["permissions"] = r.permissions;
  j["dataScope"] = {{"kind", r.scopeKind}, {"orgIds", r.scopeOrgIds}};
  j["updatedAt"] = core::toIso(r.updatedAt);
  return j;
}

std::vector<std::string> paths(db::Conn& c, const std::vector<long long>& orgIds) {
  std::vector<std::string> out;
  OrgStore orgs;
  for (long long id : orgIds)
    if (auto o = orgs.find(c, id)) out.push_back(o->path);
  return out;
}
}  // namespace

bool RoleService::grantable(const core::Principal& p, const Role& r, const std::string& holderOrgPath) {
  core::ScopeKind kind;
  if (!core::parseScopeKind(r.scopeKind, kind)) return false;
  return core::checkGrant(p, r.permissions, kind, r.scopeOrgPaths, holderOrgPath).ok;
}

Role RoleService::visibleRole(db::Conn& c, const core::Principal& p, long long id) {
  auto r = store_.findVisible(c, p.scope, id);
  if (!r) throw notFound("角色不存在");
  return *r;
}

RoleFields RoleService::readFields(db::Conn& c, const json& body) {
  FieldErrors errors;
  core::Form form(body, errors);
  RoleFields f;
  f.name = form.text(roleForm()["name"]);
  f.permissions = form.strings("permissions", "操作权限");
  for (const auto& perm : f.permissions)
    if (!core::isKnownPermission(perm)) {
      errors.add("permissions", "操作权限中包含未知的权限:" + perm);
      break;
    }
  std::sort(f.permissions.begin(), f.permissions.end());
  f.permissions.erase(std::unique(f.permissions.begin(), f.permissions.end()), f.permissions.end());
  const json* scope = form.object("dataScope", "数据范围");
  if (!scope) {
    if (!errors.has("dataScope")) errors.add("dataScope", "请选择数据范围");
  } else {
    FieldErrors scopeErrors;
    core::Form scopeForm(*scope, scopeErrors);
    const std::string kind = scopeForm.text("kind", "数据范围", {true, 20});
    f.scopeOrgIds = scopeForm.ids("orgIds", "指定机构");
    if (kind.empty()) errors.add("dataScope", "请选择数据范围");
    else if (!core::parseScopeKind(kind, f.scopeKind)) errors.add("dataScope", "数据范围无效");
    else if (f.scopeKind == core::ScopeKind::custom && f.scopeOrgIds.empty())
      errors.add("dataScope", "指定机构数据需要至少选择一个机构");
    if (scopeErrors.has("orgIds")) errors.add("dataScope", "指定机构格式错误");
  }
  errors.throwIfAny();
  if (f.scopeKind != core::ScopeKind::custom) f.scopeOrgIds.clear();
  for (long long id : f.scopeOrgIds)
    if (!OrgStore().find(c, id)) throw invalidField("dataScope", "指定机构不存在");
  return f;
}

void RoleService::checkNoEscalation(const core::Principal& p, const RoleFields& f, const std::string& roleOrgPath, db::Conn& c) {
  auto check = core::checkGrant(p, f.permissions, f.scopeKind, paths(c, f.scopeOrgIds), roleOrgPath);
  if (!check.ok) throw forbidden(check.reason);
}

json RoleService::list(const core::Principal& p, long long orgId, const std::string& name, const core::PageRequest& page) {
  return ctx_.db.read([&](db::Conn& c) {
    OrgService::visibleOrg(c, p, orgId);
    auto [items, total] = store_.list(c, orgId, name, p.scope, page);
    json arr = json::array();
    for (const auto& r : items) arr.push_back(listJson(r));
    return json{{"items", arr}, {"total", total}, {"page", page.page}, {"size", page.size}};
  });
}

json RoleService::get(const core::Principal& p, long long id) {
  return ctx_.db.read([&](db::Conn& c) { return detailJson(visibleRole(c, p, id)); });
}

json RoleService::create(const core::Actor& a, const json& body) {
  FieldErrors errors;
  core::Form form(body, errors);
  auto orgId = form.id("orgId", "所属机构", true);
  errors.throwIfAny();
  return ctx_.db.write([&](db::Conn& c) {
    Org org = OrgService::visibleOrg(c, a.who, *orgId, "所属机构不存在");
    RoleFields f = readFields(c, body);
    checkNoEscalation(a.who, f, org.path, c);
    if (store_.nameTaken(c, org.id, f.name, 0)) throw conflict("该机构下已有同名角色:" + f.name);
    const long long id = store_.insert(c, org.id, org.path, f, a.who.userId);
    audit::record(c, a, "create", "role", std::to_string(id),
                  "新增角色 " + f.name + "(" + org.name + "," + std::to_string(f.permissions.size()) + "项权限," +
                      core::scopeKindName(f.scopeKind) + ")");
    return detailJson(*store_.find(c, id));
  });
}

json RoleService::update(const core::Actor& a, long long id, const json& body) {
  return ctx_.db.write([&](db::Conn& c) {
    Role role = visibleRole(c, a.who, id);
    RoleFields f = readFields(c, body);
    checkNoEscalation(a.who, f, role.orgPath, c);
    if (store_.nameTaken(c, role.orgId, f.name, id)) throw conflict("该机构下已有同名角色:" + f.name);
    store_.update(c, id, f);
    audit::record(c, a, "update", "role", std::to_string(id),
                  "修改角色 " + role.name + ":名称 " + f.name + "," + std::to_string(f.permissions.size()) + "项权限," +
                      core::scopeKindName(f.scopeKind));
    return detailJson(*store_.find(c, id));
  });
}

void RoleService::remove(const core::Actor& a, long long id) {
  ctx_.db.write([&](db::Conn& c) {
    Role role = visibleRole(c, a.who, id);
    if (role.userCount > 0) throw conflict("有 " + std::to_string(role.userCount) + " 个用户拥有该角色,不能删除");
    store_.remove(c, id);
    audit::record(c, a, "delete", "role", std::to_string(id), "删除角色 " + role.name + "(" + role.orgName + ")");
  });
}

json RoleService::assignable(const core::Principal& p, long long orgId) {
  return ctx_.db.read([&](db::Conn& c) {
    Org org = OrgService::visibleOrg(c, p, orgId);
    json items = json::array();
    for (const auto& r : store_.ofOrgAndAncestors(c, org.path))
      if (grantable(p, r, org.path)) items.push_back({{"id", r.id}, {"name", r.name}, {"orgId", r.orgId}, {"orgName", r.orgName}});
    return json{{"items", items}};
  });
}

}  // namespace baoan::system
