#include "core/clock.h"
#include "core/error.h"
#include "core/form.h"
#include "core/validation.h"
#include "modules/audit/audit_log.h"
#include "modules/industry/industry.h"

namespace baoan::industry {

using nlohmann::json;

void createCompanyAccount(db::Conn& c, system::UserService& users, long long companyId, const std::string& initialHash) {
  auto co = c.queryOne(db::Query(
      "SELECT name, credit_code, legal_name, legal_id_no, legal_mobile, org_id, org_path FROM companies WHERE id = ?", companyId));
  system::PortalAccount account{companyId, co->str(1), co->str(0), co->str(3), co->str(4), co->i64(5), co->str(6)};
  users.createPortalAccount(c, account, initialHash,
                            "【保安服务监管信息系统】" + co->str(0) + "的企业账号已开通。账号:" + co->str(1) + "(统一社会信用代码),初始密码:" +
                                auth::CredentialsService::kInitialPassword + "。请登录保安服务企业端,修改密码并完成初始化。");
}

json deregisterCompany(app::Context& ctx, RegistryService& companies, system::UserService& users, const core::Actor& a, long long id,
                       const json& body) {
  // A record outside the caller's scope is 404 whatever the form says.
  ctx.db.read([&](db::Conn& c) { companies.visiblePath(c, a.who, id); });
  FieldErrors errors;
  core::Form form(body, errors);
  const std::string date = form.text("date", "注销日期", {true, 10});
  const std::string reason = form.text("reason", "注销原因", {true, 200, true});
  if (!date.empty() && !errors.has("date")) {
    if (!core::isValidDate(date)) errors.add("date", "注销日期不是有效日期,应为 YYYY-MM-DD");
    else if (date > core::toChinaDate(core::nowMs())) errors.add("date", "注销日期不能晚于今天");
  }
  errors.throwIfAny();
  return ctx.db.write([&](db::Conn& c) {
    companies.visiblePath(c, a.who, id);
    auto co = c.queryOne(db::Query("SELECT name, status FROM companies WHERE id = ?", id));
    if (co->str(1) != "active") throw conflict("该公司已注销");
    c.exec(db::Query("UPDATE companies SET status = 'deregistered', deregistered_on = ?, deregister_reason = ?, updated_at = ? WHERE id = ?",
                     date, reason, core::nowMs(), id));
    // A deregistered company can no longer sign in to the portal.
    users.disablePortalAccounts(c, id);
    audit::record(c, a, "deregister", "company", std::to_string(id), "注销保安服务公司 " + co->str(0) + ",原因:" + reason);
    return companies.rowJson(*c.queryOne(db::Query(companies.selectSql() + " WHERE t.id = ?", id)), a.who.has("company:pii"));
  });
}

json resetCompanyPassword(app::Context& ctx, RegistryService& companies, system::UserService& users, const core::Actor& a, long long id) {
  ctx.db.read([&](db::Conn& c) { companies.visiblePath(c, a.who, id); });  // 404 before the slow hash
  const std::string hash = auth::CredentialsService::initialPasswordHash();
  return ctx.db.write([&](db::Conn& c) {
    companies.visiblePath(c, a.who, id);
    auto co = c.queryOne(db::Query("SELECT name, legal_mobile, org_path FROM companies WHERE id = ?", id));
    const std::string text = "【保安服务监管信息系统】" + co->str(0) + "的企业账号密码已被重置为" +
                             auth::CredentialsService::kInitialPassword + ",请登录后立即修改密码。";
    if (!users.resetPortalAccounts(c, id, hash, co->str(1), text, co->str(2), co->str(0))) throw notFound("该公司没有企业账号");
    audit::record(c, a, "reset_password", "company", std::to_string(id), "重置保安服务公司 " + co->str(0) + " 的企业账号密码");
    return json{{"id", id}, {"mustChangePassword", true}};
  });
}

}  // namespace baoan::industry
