#include "modules/system/org_service.h"

#include <map>

#include "core/catalog.h"
#include "core/clock.h"
#include "core/error.h"
#include "core/regions.h"
#include "core/validation.h"
#include "modules/audit/audit_log.h"
#include "modules/system/system_forms.h"

namespace baoan::system {

using nlohmann::json;

namespace {
bool isPhone(const std::string& s) {
  // Landline (029-33212345, 02933212345) or mobile; digits and one or two dashes, 7–20 characters.
  if (s.size() < 7 || s.size() > 20) return false;
  return s.find_first_not_of("0123456789-") == std::string::npos && s.front() != '-' && s.back() != '-';
}

bool regionWithin(const std::string& code, const std::string& ancestor) {
  for (const auto* r : core::RegionTable::instance().path(code))
    if (r->code == ancestor) return true;
  return false;
}

std::string describeChange(const char* label, const std::optional<std::string>& before, const std::optional<std::string>& after) {
  if (before.value_or("") == after.value_or("")) return {};
  return std::string(label) + ":" + before.value_or("") + "→" + after.value_or("") + ";";
}
}  // namespace

json OrgService::toJson(const Org& o) {
  const auto& regions = core::RegionTable::instance();
  return {{"id", o.id},
          {"parentId", o.parentId ? json(*o.parentId) : json(nullptr)},
          {"parentName", o.parentId ? json(o.parentName) : json(nullptr)},
          {"name", o.name},
          {"regionCode", o.regionCode},
          {"regionName", regions.fullName(o.regionCode)},
          {"phone", o.phone ? json(*o.phone) : json(nullptr)},
          {"address", o.address ? json(*o.address) : json(nullptr)},
          {"type", o.type},
          {"typeName", core::orgTypeName(o.type)},
          {"path", o.path},
          {"level", o.level},
          {"childCount", o.childCount},
          {"createdAt", core::toIso(o.createdAt)},
          {"updatedAt", core::toIso(o.updatedAt)}};
}

Org OrgService::visibleOrg(db::Conn& c, const core::Principal& p, long long id, const char* what) {
  auto o = OrgStore().findVisible(c, p.scope, id);
  if (!o) throw notFound(what);
  return *o;
}

json OrgService::tree(const core::Principal& p) {
  auto orgs = ctx_.db.read([&](db::Conn& c) { return store_.listInScope(c, p.scope); });
  // Orgs arrive parents first; an org whose parent is not visible becomes a root of the caller's tree.
  std::map<long long, json> nodes;
  std::vector<long long> order;
  for (const auto& o : orgs) {
    nodes[o.id] = {{"id", o.id}, {"name", o.name}, {"type", o.type}, {"regionCode", o.regionCode},
                   {"parentId", o.parentId ? json(*o.parentId) : json(nullptr)}, {"children", json::array()}};
    order.push_back(o.id);
  }
  json roots = json::array();
  // Attach children bottom-up so that each subtree is complete before it is copied into its parent.
  for (auto it = order.rbegin(); it != order.rend(); ++it) {
    json& node = nodes[*it];
    const auto& parent = node["parentId"];
    if (!parent.is_null() && nodes.count(parent.get<long long>())) {
      auto& siblings = nodes[parent.get<long long>()]["children"];
      siblings.insert(siblings.begin(), std::move(node));
    } else {
      roots.insert(roots.begin(), std::move(node));
    }
  }
  return {{"items", roots}};
}

json OrgService::list(const core::Principal& p, long long parentId, const std::string& name, const core::PageRequest& page) {
  return ctx_.db.read([&](db::Conn& c) {
    Org parent = visibleOrg(c, p, parentId, "上级机构不存在");
    auto [items, total] = store_.list(c, parent, name, p.scope, page);
    json arr = json::array();
    for (const auto& o : items) arr.push_back(toJson(o));
    return json{{"items", arr}, {"total", total}, {"page", page.page}, {"size", page.size}};
  });
}

json OrgService::get(const core::Principal& p, long long id) {
  return ctx_.db.read([&](db::Conn& c) { return toJson(visibleOrg(c, p, id)); });
}

OrgFields OrgService::readFields(const json& body, const std::optional<Org>& parent) {
  FieldErrors errors;
  core::Form form(body, errors);
  OrgFields f;
  const auto& spec = orgForm();
  f.name = form.text(spec["name"]);
  f.regionCode = form.text(spec["regionCode"]);
  f.phone = form.optionalText(spec["phone"]);
  f.address = form.optionalText(spec["address"]);
  f.type = form.text(spec["type"]);
  if (!f.regionCode.empty() && !errors.has("regionCode")) {
    if (!core::RegionTable::instance().find(f.regionCode)) {
      errors.add("regionCode", "所属区域不是有效的行政区划代码");
    } else if (parent && !regionWithin(f.regionCode, parent->regionCode)) {
      errors.add("regionCode", "所属区域必须在上级机构所属区域(" +
                                   core::RegionTable::instance().fullName(parent->regionCode) + ")范围内");
    }
  }
  if (f.phone && !isPhone(*f.phone)) errors.add("phone", "联系电话格式错误,应为固定电话或手机号码");
  if (!f.type.empty() && core::orgTypeName(f.type).empty()) errors.add("type", "机构类型无效");
  errors.throwIfAny();
  return f;
}

json OrgService::create(const core::Actor& a, const json& body) {
  FieldErrors errors;
  core::Form form(body, errors);
  auto parentId = form.id("parentId", "上级机构", true);
  errors.throwIfAny();
  return ctx_.db.write([&](db::Conn& c) {
    // Only inside the caller's own jurisdiction (§2.1: 只能添加自己所管辖区域内的机构).
    Org parent = visibleOrg(c, a.who, *parentId, "上级机构不存在");
    OrgFields f = readFields(body, parent);
    if (store_.siblingNameTaken(c, parent.id, f.name, 0)) throw conflict("上级机构下已有同名机构:" + f.name);
    const long long id = store_.insert(c, parent, f, a.who.userId);
    audit::record(c, a, "create", "org", std::to_string(id), "新增机构 " + f.name + "(上级:" + parent.name + ")");
    return toJson(*store_.find(c, id));
  });
}

json OrgService::update(const core::Actor& a, long long id, const json& body) {
  return ctx_.db.write([&](db::Conn& c) {
    Org org = visibleOrg(c, a.who, id);
    std::optional<Org> parent;
    if (org.parentId) parent = store_.find(c, *org.parentId);
    OrgFields f = readFields(body, parent);
    // The tree stays a tree of regions: an org's region lies in its parent's (readFields) and
    // contains its children's, or a child would supervise records outside its parent's region.
    for (const auto& [childName, childRegion] : store_.childRegions(c, id))
      if (!regionWithin(childRegion, f.regionCode))
        throw invalidField("regionCode", "所属区域必须包含下级机构「" + childName + "」的区域(" +
                                             core::RegionTable::instance().fullName(childRegion) + ")");
    if (store_.siblingNameTaken(c, org.parentId, f.name, id)) throw conflict("上级机构下已有同名机构:" + f.name);
    store_.update(c, id, f);
    const std::string changes = describeChange("名称", org.name, f.name) + describeChange("区域", org.regionCode, f.regionCode) +
                                describeChange("电话", org.phone, f.phone) + describeChange("地址", org.address, f.address) +
                                describeChange("类型", org.type, f.type);
    audit::record(c, a, "update", "org", std::to_string(id), "修改机构 " + org.name + (changes.empty() ? "(无变化)" : ":" + changes));
    return toJson(*store_.find(c, id));
  });
}

void OrgService::remove(const core::Actor& a, long long id) {
  ctx_.db.write([&](db::Conn& c) {
    Org org = visibleOrg(c, a.who, id);
    if (store_.countChildren(c, id) > 0) throw conflict("该机构下有下级机构,不能删除");
    if (store_.countUsers(c, id) > 0) throw conflict("该机构下有用户,不能删除");
    if (store_.countRoles(c, id) > 0) throw conflict("该机构下有角色,不能删除");
    if (store_.countSupervised(c, id) > 0) throw conflict("该机构监管着保安公司、单位或保安员,不能删除");
    store_.remove(c, id);
    audit::record(c, a, "delete", "org", std::to_string(id), "删除机构 " + org.name);
  });
}

}  // namespace baoan::system
