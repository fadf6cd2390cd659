#include "core/clock.h"
#include "core/error.h"
#include "core/form.h"
#include "core/validation.h"
#include "crypto/crypto.h"
#include "modules/audit/audit_log.h"
#include "modules/industry/industry.h"

namespace baoan::industry {

using nlohmann::json;

void createCompanyAccount(db::Conn& c, sms::Gateway& sms, long long companyId, const std::string& passwordHash) {
  auto co = c.queryOne(db::Query(
      "SELECT name, credit_code, legal_name, legal_id_no, legal_mobile, org_id, org_path FROM companies WHERE id = ?", companyId));
  core::IdNumberInfo info;
  core::checkIdNumber(co->str(3), &info);
  const long long now = core::nowMs();
  c.exec(db::Query(
      "INSERT INTO users (account, password_hash, must_change_password, kind, name, is_police, id_no, gender, birth_date, "
      "mobile, org_id, org_path, company_id, created_at, updated_at) VALUES (?, ?, 1, 'company', ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      co->str(1), passwordHash, co->str(0), co->str(3), info.gender, info.birthDate, co->str(4), co->i64(5), co->str(6),
      companyId, now, now));
  sms.send(c, {co->str(4), "account_created",
               "【保安服务监管信息系统】" + co->str(0) + "的企业账号已开通。账号:" + co->str(1) +
                   "(统一社会信用代码),初始密码:123456。请登录保安服务企业端,修改密码并完成初始化。",
               std::nullopt, co->str(6)});
}

json deregisterCompany(app::Context& ctx, RegistryService& companies, const core::Actor& a, long long id, const json& body) {
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
    c.exec(db::Query("UPDATE users SET enabled = 0 WHERE company_id = ?", id));
    c.exec(db::Query("DELETE FROM sessions WHERE user_id IN (SELECT id FROM users WHERE company_id = ?)", id));
    audit::record(c, a, "deregister", "company", std::to_string(id), "注销保安服务公司 " + co->str(0) + ",原因:" + reason);
    return companies.rowJson(*c.queryOne(db::Query(companies.selectSql() + " WHERE t.id = ?", id)), a.who.has("company:pii"));
  });
}

json resetCompanyPassword(app::Context& ctx, RegistryService& companies, const core::Actor& a, long long id) {
  const std::string hash = crypto::hashPassword("123456");
  return ctx.db.write([&](db::Conn& c) {
    companies.visiblePath(c, a.who, id);
    auto user = c.queryOne(db::Query(
        "SELECT u.id, c.name, c.legal_mobile, c.org_path FROM users u JOIN companies c ON c.id = u.company_id WHERE u.company_id = ?", id));
    if (!user) throw notFound("该公司没有企业账号");
    c.exec(db::Query(
        "UPDATE users SET password_hash = ?, must_change_password = 1, failed_logins = 0, locked_until = NULL, password_changed_at = ?, "
        "updated_at = ? WHERE id = ?",
        hash, core::nowMs(), core::nowMs(), user->i64(0)));
    c.exec(db::Query("DELETE FROM sessions WHERE user_id = ?", user->i64(0)));
    // A reset starts over: codes sent before it are void, and a new one may be asked for at once.
    c.exec(db::Query("DELETE FROM sms_codes WHERE user_id = ?", user->i64(0)));
    ctx.sms.send(c, {user->str(2), "password_reset",
                     "【保安服务监管信息系统】" + user->str(1) + "的企业账号密码已被重置为123456,请登录后立即修改密码。",
                     user->i64(0), user->str(3)});
    audit::record(c, a, "reset_password", "company", std::to_string(id), "重置保安服务公司 " + user->str(1) + " 的企业账号密码");
    return json{{"id", id}, {"mustChangePassword", true}};
  });
}

}  // namespace baoan::industry
