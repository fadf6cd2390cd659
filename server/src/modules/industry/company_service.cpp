#include "modules/industry/company_service.h"

#include "core/clock.h"
#include "core/error.h"
#include "core/form.h"
#include "core/validation.h"
#include "modules/audit/audit_log.h"
#include "modules/industry/industry_forms.h"

namespace baoan::industry {

using nlohmann::json;

namespace {
// What a company may maintain itself; name, credit code, legal person and region are the police's.
const std::vector<std::string> kSelfEditable = {"bizAddress", "contactName", "contactPhone", "serviceScope", "lng", "lat"};

struct Deregistration {
  std::string date, reason;
};

Deregistration readDeregistration(const json& body) {
  FieldErrors errors;
  core::Form form(body, errors);
  const core::FormSpec& spec = companyDeregisterForm();
  Deregistration d{form.pastDate(spec["date"]), form.text(spec["reason"])};
  errors.throwIfAny();
  return d;
}
}  // namespace

void CompanyService::openPortalAccount(db::Conn& c, system::UserService& users, long long companyId, const std::string& initialHash) {
  const CompanyRecord co = *CompanyStore().find(c, companyId);
  system::PortalAccount account{companyId, co.creditCode, co.name, co.legalIdNo, co.legalMobile, co.orgId, co.orgPath};
  users.createPortalAccount(c, account, initialHash,
                            "【保安服务监管信息系统】" + co.name + "的企业账号已开通。账号:" + co.creditCode + "(统一社会信用代码),初始密码:" +
                                auth::CredentialsService::kInitialPassword + "。请登录保安服务企业端,修改密码并完成初始化。");
}

json CompanyService::deregister(const core::Actor& a, long long id, const json& body) {
  // A record outside the caller's scope is 404 whatever the form says.
  ctx_.db.read([&](db::Conn& c) { companies_->requireVisible(c, a.who, id); });
  const Deregistration d = readDeregistration(body);
  return ctx_.db.write([&](db::Conn& c) {
    companies_->requireVisible(c, a.who, id);
    const CompanyRecord co = *store_.find(c, id);
    if (co.status == "deregistered") throw conflict("该公司已注销");
    store_.deregister(c, id, d.date, d.reason, core::nowMs());
    // A deregistered company can no longer sign in to the portal.
    users_.disablePortalAccounts(c, id);
    audit::record(c, a, "deregister", "company", std::to_string(id), "注销保安服务公司 " + co.name + ",原因:" + d.reason);
    return companies_->recordJson(c, id, a.who.has("company:pii"));
  });
}

json CompanyService::resetPassword(const core::Actor& a, long long id) {
  ctx_.db.read([&](db::Conn& c) { companies_->requireVisible(c, a.who, id); });  // 404 before the slow hash
  const std::string hash = auth::CredentialsService::initialPasswordHash();
  return ctx_.db.write([&](db::Conn& c) {
    companies_->requireVisible(c, a.who, id);
    const CompanyRecord co = *store_.find(c, id);
    const std::string text = "【保安服务监管信息系统】" + co.name + "的企业账号密码已被重置为" +
                             auth::CredentialsService::kInitialPassword + ",请登录后立即修改密码。";
    if (!users_.resetPortalAccounts(c, id, hash, co.legalMobile, text, co.orgPath, co.name)) throw notFound("该公司没有企业账号");
    audit::record(c, a, "reset_password", "company", std::to_string(id), "重置保安服务公司 " + co.name + " 的企业账号密码");
    return json{{"id", id}, {"mustChangePassword", true}};
  });
}

json CompanyService::portalGet(const core::Principal& p) {
  return ctx_.db.read([&](db::Conn& c) {
    auto j = companies_->findJson(c, p.companyId, true);
    if (!j) throw notFound("公司不存在");
    (*j)["selfEditable"] = kSelfEditable;
    return std::move(*j);
  });
}

json CompanyService::portalUpdate(const core::Actor& a, const json& body, bool initialize) {
  // Start from the stored record (in full) and take over only the fields the company may change, so
  // that the generic validation of the registry applies unchanged.
  json merged = portalGet(a.who);
  if (!initialize && !merged["initialized"].get<bool>()) throw conflict("请先完成企业初始化");
  if (initialize && merged["initialized"].get<bool>()) throw conflict("企业已完成初始化");
  for (const auto& key : kSelfEditable)
    if (body.contains(key)) merged[key] = body.at(key);
  merged.erase("orgId");  // the supervising org stays as it is
  // The company acts through the registry's rules, but as itself: a principal whose scope is its own
  // supervising org, for this one record.
  const long long id = a.who.companyId;
  core::Principal self = a.who;
  self.scope = core::DataScope{};
  self.scope.exactPaths.insert(ctx_.db.read([&](db::Conn& c) { return store_.find(c, id)->orgPath; }));
  const core::Actor actor{self, a.ip, a.requestId};
  const std::string name = merged["name"].get<std::string>();
  auto markInitialized = [&](db::Conn& c) {
    store_.markInitialized(c, id, core::nowMs());
    audit::record(c, a, "initialize", "company", std::to_string(id), "企业完成初始化:" + name);
  };
  companies_->update(actor, id, merged, initialize ? std::function<void(db::Conn&)>(markInitialized) : nullptr);
  return portalGet(a.who);
}

long long CompanyLicensing::recordLicence(db::Conn& c, const core::Actor& a, const LicensedCompany& co, long long applicantUserId) {
  const long long now = core::nowMs();
  auto id = store_.idByCreditCode(c, co.creditCode);
  if (id) {
    store_.updateLicensed(c, *id, co, now);
    audit::record(c, a, "update", "company", std::to_string(*id), "许可证核发,更新保安服务公司:" + co.name + "(" + co.licenceNo + ")");
  } else {
    id = store_.insertLicensed(c, co, a.who.userId, now);
    audit::record(c, a, "create", "company", std::to_string(*id), "许可证核发,登记保安服务公司:" + co.name + "(" + co.licenceNo + ")");
  }
  const auto rec = store_.find(c, *id);
  users_.makeCompanyAccount(c, applicantUserId, *id, rec->orgId, rec->orgPath);
  return *id;
}

}  // namespace baoan::industry
