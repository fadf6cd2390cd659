#include "modules/system/user_service.h"

#include <algorithm>
#include <cctype>
#include <cstring>

#include "core/catalog.h"
#include "core/clock.h"
#include "core/error.h"
#include "core/form.h"
#include "core/validation.h"
#include "modules/audit/audit_log.h"
#include "modules/system/org_service.h"
#include "modules/system/role_service.h"
#include "modules/system/system_forms.h"

namespace baoan::system {

using nlohmann::json;

namespace {

json optionalJson(const std::optional<std::string>& s) { return s ? json(*s) : json(nullptr); }

json userJson(const User& u, bool fullPii, long long now) {
  const bool locked = u.lockedUntil && *u.lockedUntil > now;
  return {{"id", u.id},
          {"account", u.account},
          {"name", u.name},
          {"isPolice", u.isPolice},
          {"policeNo", optionalJson(u.policeNo)},
          {"idNo", fullPii ? u.idNo : core::maskIdNumber(u.idNo)},
          {"gender", u.gender},
          {"genderName", u.gender == "male" ? "男" : "女"},
          {"mobile", fullPii ? u.mobile : core::maskMobile(u.mobile)},
          {"orgId", u.orgId},
          {"orgName", u.orgName},
          {"enabled", u.enabled},
          {"locked", locked},
          {"lockedUntil", locked ? json(core::toIso(*u.lockedUntil)) : json(nullptr)},
          {"loginCount", u.loginCount},
          {"lastLoginAt", u.lastLoginAt ? json(core::toIso(*u.lastLoginAt)) : json(nullptr)},
          {"roleNames", u.roleNames}};
}

bool onlyChars(const std::string& s, const char* extra) {
  return std::all_of(s.begin(), s.end(), [&](unsigned char c) { return std::isalnum(c) || (c != 0 && std::strchr(extra, c)); });
}

// 3–32 of A-Z a-z 0-9 _ . @ -
bool validAccount(const std::string& a) { return a.size() >= 3 && a.size() <= 32 && onlyChars(a, "_.@-"); }

// 4–12 letters or digits
bool validPoliceNo(const std::string& s) { return s.size() >= 4 && s.size() <= 12 && onlyChars(s, ""); }

}  // namespace

User UserService::visibleUser(db::Conn& c, const core::Principal& p, long long id) {
  auto u = store_.findVisible(c, p.scope, id);
  if (!u) throw notFound("用户不存在");
  return *u;
}

json UserService::list(const core::Principal& p, UserFilter filter, const core::PageRequest& page) {
  return ctx_.db.read([&](db::Conn& c) {
    Org org = OrgService::visibleOrg(c, p, filter.orgId);
    filter.orgPath = org.path;
    auto [items, total] = store_.list(c, filter, p.scope, page);
    const bool pii = p.has("user:pii");
    const long long now = core::nowMs();
    json arr = json::array();
    for (const auto& u : items) arr.push_back(userJson(u, pii, now));
    return json{{"items", arr}, {"total", total}, {"page", page.page}, {"size", page.size}};
  });
}

json UserService::get(const core::Actor& a, long long id) {
  const bool pii = a.who.has("user:pii");
  auto build = [&](db::Conn& c) {
    User u = visibleUser(c, a.who, id);
    json j = userJson(u, pii, core::nowMs());
    j["birthDate"] = u.birthDate;
    j["approvalPosts"] = u.approvalPosts;
    j["roleIds"] = u.roleIds;
    j["mustChangePassword"] = u.mustChangePassword;
    j["createdAt"] = core::toIso(u.createdAt);
    j["updatedAt"] = core::toIso(u.updatedAt);
    return std::make_pair(j, u.name);
  };
  if (!pii) return ctx_.db.read(build).first;
  // A full view of personal data is itself recorded (个人信息保护法: who looked at whom).
  return ctx_.db.write([&](db::Conn& c) {
    auto [j, name] = build(c);
    audit::record(c, a, "view_pii", "user", std::to_string(id), "查看用户 " + name + " 的完整证件号和手机号");
    return j;
  });
}

UserFields UserService::parseFields(const json& body, const User* existing) {
  FieldErrors errors;
  core::Form form(body, errors);
  UserFields f;
  const auto& spec = userForm();
  f.name = form.text(spec["name"]);
  auto isPolice = form.boolean("isPolice", "是否民警", true);
  f.isPolice = isPolice.value_or(true);
  f.policeNo = form.optionalText(spec["policeNo"]);
  if (isPolice && *isPolice && !f.policeNo && !errors.has("policeNo")) errors.add("policeNo", "民警必须填写警号");
  if (f.policeNo && !errors.has("policeNo") && !validPoliceNo(*f.policeNo)) errors.add("policeNo", "警号格式错误,应为4-12位字母或数字");
  if (isPolice && !*isPolice) f.policeNo.reset();
  std::string idNo = form.text(spec["idNo"]);
  std::transform(idNo.begin(), idNo.end(), idNo.begin(), [](unsigned char ch) { return static_cast<char>(std::toupper(ch)); });
  if (!idNo.empty() && !errors.has("idNo")) {
    core::IdNumberInfo info;
    if (auto e = core::checkIdNumber(idNo, &info)) errors.add("idNo", "证件号" + *e);
    f.idNo = idNo;
    f.gender = info.gender;
    f.birthDate = info.birthDate;
  }
  const std::string mobile = form.text(spec["mobile"]);
  if (!mobile.empty() && !errors.has("mobile")) {
    if (auto e = core::normalizeMobile(mobile, f.mobile)) errors.add("mobile", "联系手机" + *e);
  }
  if (auto orgId = form.id("orgId", "所属单位", true)) f.orgId = *orgId;
  if (!existing) {
    f.account = form.text(spec["account"]);
    if (f.account.empty()) f.account = f.isPolice && f.policeNo ? *f.policeNo : f.mobile;
    if (!f.account.empty() && !errors.has("account") && !validAccount(f.account))
      errors.add("account", "账号格式错误,应为3-32位字母、数字或 _ . @ -");
  } else {
    f.account = existing->account;
  }
  if (const json* posts = form.object("approvalPosts", "业务审批角色")) {
    for (const auto& [type, post] : posts->items()) {
      const auto* bt = core::findBusinessType(type);
      if (!bt) {
        errors.add("approvalPosts", "未知的审批业务:" + type);
        break;
      }
      if (post.is_null() || (post.is_string() && post.get<std::string>().empty())) continue;
      if (!post.is_string() || std::find(bt->posts.begin(), bt->posts.end(), post.get<std::string>()) == bt->posts.end()) {
        errors.add("approvalPosts", std::string(bt->name) + "的审批角色无效");
        break;
      }
      f.approvalPosts[type] = post.get<std::string>();
    }
  }
  f.roleIds = form.ids("roleIds", "自定义角色");
  std::sort(f.roleIds.begin(), f.roleIds.end());
  f.roleIds.erase(std::unique(f.roleIds.begin(), f.roleIds.end()), f.roleIds.end());
  if (f.approvalPosts.empty() && f.roleIds.empty() && !errors.has("roleIds") && !errors.has("approvalPosts"))
    errors.add("roleIds", "业务审批角色和自定义角色至少选一个");
  errors.throwIfAny();
  return f;
}

void UserService::resolveFields(db::Conn& c, const core::Principal& p, UserFields& f, const User* existing) {
  Org org = OrgService::visibleOrg(c, p, f.orgId, "所属单位不存在");
  f.orgId = org.id;
  f.orgPath = org.path;
  // Roles: of the user's org or its ancestors, and only what the caller could grant — except roles
  // the user already holds, which an edit may keep without the caller being able to grant them.
  RoleStore roles;
  auto candidates = roles.ofOrgAndAncestors(c, org.path);
  for (long long id : f.roleIds) {
    auto it = std::find_if(candidates.begin(), candidates.end(), [&](const Role& r) { return r.id == id; });
    const bool alreadyHeld = existing && std::count(existing->roleIds.begin(), existing->roleIds.end(), id) > 0;
    if (it == candidates.end()) throw invalidField("roleIds", "自定义角色不存在或不属于该用户所在机构及上级机构");
    if (!alreadyHeld && !RoleService::grantable(p, *it, org.path)) throw forbidden("不能授予超出自己权限的角色:" + it->name);
  }
}

json UserService::create(const core::Actor& a, const json& body) {
  UserFields f = parseFields(body, nullptr);  // a malformed form is refused before the slow hash
  const std::string hash = auth::CredentialsService::initialPasswordHash();  // slow: outside the transaction
  return ctx_.db.write([&](db::Conn& c) {
    resolveFields(c, a.who, f, nullptr);
    if (store_.accountTaken(c, f.account, 0)) throw AppError(409, "conflict", "账号已存在:" + f.account, {{"account", "账号已存在"}});
    if (f.policeNo && store_.policeNoTaken(c, *f.policeNo, 0))
      throw AppError(409, "conflict", "警号已存在:" + *f.policeNo, {{"policeNo", "警号已存在"}});
    const long long id = store_.insert(c, f, hash, a.who.userId);
    ctx_.sms.send(c, {f.mobile, "account_created",
                      "【保安服务监管信息系统】" + f.name + "您好,您的系统账号已开通。账号:" + f.account + ",初始密码:" +
                          auth::CredentialsService::kInitialPassword + ",首次登录请修改密码。",
                      id, f.orgPath,
                      {{"name", f.name}, {"account", f.account}, {"password", auth::CredentialsService::kInitialPassword}}});
    audit::record(c, a, "create", "user", std::to_string(id), "新增用户 " + f.name + "(账号 " + f.account + ")");
    User u = *store_.find(c, id);
    json j = userJson(u, a.who.has("user:pii"), core::nowMs());
    j["approvalPosts"] = u.approvalPosts;
    j["roleIds"] = u.roleIds;
    return j;
  });
}

json UserService::update(const core::Actor& a, long long id, const json& body) {
  return ctx_.db.write([&](db::Conn& c) {
    User before = visibleUser(c, a.who, id);
    // The form gives roles, approval posts and an org: a company's, a unit's or a person's portal
    // account must never receive them. Those accounts keep their details through the portal.
    if (before.kind != "officer")
      throw AppError(409, "conflict", "该账号是门户账号(企业、单位或个人),不能在用户管理中修改;可停用、启用、解锁或重置密码");
    json sent = body;
    core::restoreMaskedValue(sent, "idNo", before.idNo);
    core::restoreMaskedValue(sent, "mobile", before.mobile);
    UserFields f = parseFields(sent, &before);
    resolveFields(c, a.who, f, &before);
    if (f.policeNo && store_.policeNoTaken(c, *f.policeNo, id))
      throw AppError(409, "conflict", "警号已存在:" + *f.policeNo, {{"policeNo", "警号已存在"}});
    store_.update(c, id, f);
    if (onAccountChanged) onAccountChanged(c, before.account);
    std::string summary = "修改用户 " + before.name + "(账号 " + before.account + ")";
    if (before.orgId != f.orgId) summary += ";所属单位 " + before.orgName + "→" + std::to_string(f.orgId);
    audit::record(c, a, "update", "user", std::to_string(id), summary);
    User u = *store_.find(c, id);
    json j = userJson(u, a.who.has("user:pii"), core::nowMs());
    j["approvalPosts"] = u.approvalPosts;
    j["roleIds"] = u.roleIds;
    return j;
  });
}

json UserService::resetPassword(const core::Actor& a, long long id) {
  ctx_.db.read([&](db::Conn& c) { visibleUser(c, a.who, id); });  // 404 before the slow hash
  const std::string hash = auth::CredentialsService::initialPasswordHash();
  return ctx_.db.write([&](db::Conn& c) {
    User u = visibleUser(c, a.who, id);
    credentials_.resetToInitial(c, id, hash);
    ctx_.sms.send(c, {u.mobile, "password_reset",
                      "【保安服务监管信息系统】" + u.name + "您好,您的登录密码已被管理员重置为初始密码" +
                          auth::CredentialsService::kInitialPassword + ",请登录后立即修改密码。",
                      id, u.orgPath, {{"name", u.name}, {"password", auth::CredentialsService::kInitialPassword}}});
    audit::record(c, a, "reset_password", "user", std::to_string(id), "重置用户 " + u.name + " 的密码为初始密码");
    return json{{"id", id}, {"mustChangePassword", true}};
  });
}

long long UserService::createPortalAccount(db::Conn& c, const PortalAccount& a, const std::string& initialHash,
                                          const std::string& smsText) {
  const long long id = store_.insertPortalAccount(c, a, initialHash);
  ctx_.sms.send(c, {a.mobile, "account_created", smsText, std::nullopt, a.orgPath,
                    {{"name", a.name}, {"account", a.account}, {"password", auth::CredentialsService::kInitialPassword}}});
  return id;
}

long long UserService::createApplicantAccount(db::Conn& c, const PortalAccount& a, const std::string& passwordHash) {
  if (store_.accountTaken(c, a.account, 0)) throw conflict("该统一社会信用代码已注册账号,请直接登录");
  return store_.insertApplicantAccount(c, a, passwordHash);
}

void UserService::makeCompanyAccount(db::Conn& c, long long userId, long long companyId, long long orgId, const std::string& orgPath) {
  store_.becomeCompany(c, userId, companyId, orgId, orgPath);
}

void UserService::makeUnitAccount(db::Conn& c, long long userId, const std::string& kind, long long unitId, long long orgId,
                                  const std::string& orgPath) {
  if (!store_.becomeUnit(c, userId, kind, unitId, orgId, orgPath)) throw conflict("申请人账号不是待审批单位账号,不能成为该单位的账号");
}

bool UserService::resetPortalAccounts(db::Conn& c, long long companyId, const std::string& initialHash,
                                      const std::string& smsMobile, const std::string& smsText, const std::string& orgPath,
                                      const std::string& holderName) {
  const auto ids = store_.portalAccountsOf(c, companyId);
  for (long long id : ids) {
    credentials_.resetToInitial(c, id, initialHash);
    ctx_.sms.send(c, {smsMobile, "password_reset", smsText, id, orgPath,
                      {{"name", holderName}, {"password", auth::CredentialsService::kInitialPassword}}});
  }
  return !ids.empty();
}

void UserService::disablePortalAccounts(db::Conn& c, long long companyId) {
  for (long long id : store_.portalAccountsOf(c, companyId)) {
    store_.setEnabled(c, id, false);
    credentials_.revokeSessions(c, id);
  }
}

json UserService::setEnabled(const core::Actor& a, long long id, bool enabled) {
  if (!enabled && id == a.who.userId) throw conflict("不能停用自己的账号");
  return ctx_.db.write([&](db::Conn& c) {
    User u = visibleUser(c, a.who, id);
    store_.setEnabled(c, id, enabled);
    if (!enabled) credentials_.revokeSessions(c, id);
    if (onAccountChanged) onAccountChanged(c, u.account);
    audit::record(c, a, enabled ? "enable" : "disable", "user", std::to_string(id),
                  std::string(enabled ? "启用" : "停用") + "用户 " + u.name);
    return json{{"id", id}, {"enabled", enabled}};
  });
}

json UserService::unlock(const core::Actor& a, long long id) {
  return ctx_.db.write([&](db::Conn& c) {
    User u = visibleUser(c, a.who, id);
    store_.unlock(c, id);
    audit::record(c, a, "unlock", "user", std::to_string(id), "解锁用户 " + u.name);
    return json{{"id", id}, {"locked", false}};
  });
}

}  // namespace baoan::system
