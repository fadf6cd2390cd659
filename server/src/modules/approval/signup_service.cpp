#include "modules/approval/signup_service.h"

#include <algorithm>

#include "core/clock.h"
#include "core/error.h"
#include "core/form.h"
#include "core/regions.h"
#include "core/validation.h"
#include "crypto/crypto.h"
#include "modules/audit/audit_log.h"
#include "modules/industry/real_name.h"

namespace baoan::approval {

using nlohmann::json;

namespace {
constexpr long long kCodeIntervalMs = 60 * 1000;
constexpr long long kCodeTtlMs = 5 * 60 * 1000;

std::string codeHash(const std::string& mobile, const std::string& code) { return crypto::sha256Hex("sign-up:" + mobile + ":" + code); }

std::string readMobile(core::Form& form, const std::string& key, const std::string& label) {
  const std::string raw = form.text(key, label, {true, 20});
  std::string bare;
  if (!raw.empty() && !form.errors().has(key))
    if (auto e = core::normalizeMobile(raw, bare)) form.errors().add(key, label + *e);
  return bare;
}

std::string upper(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return s;
}
}  // namespace

void SignUpService::sendCode(const std::string& ip, const json& body) {
  FieldErrors errors;
  core::Form form(body, errors);
  const std::string mobile = readMobile(form, "mobile", "手机号");
  errors.throwIfAny();
  const std::string code = crypto::randomDigits(6);
  ctx_.db.write([&](db::Conn& c) {
    const long long now = core::nowMs();
    auto last = store_.lastSignUpCodeAt(c, mobile);
    if (last && now - *last < kCodeIntervalMs) throw rateLimited("验证码已发送,请60秒后再试");
    store_.storeSignUpCode(c, mobile, codeHash(mobile, code), now + kCodeTtlMs);
    ctx_.sms.send(c, {mobile, "verification_code",
                      "【保安服务监管信息系统】您的验证码为" + code + ",5分钟内有效,用于注册账号。如非本人操作,请忽略。", std::nullopt,
                      "", {{"code", code}}});
  });
  (void)ip;
}

json SignUpService::signUp(const std::string& ip, const json& body) {
  if (body.is_object() && body.contains("unitKind") && body.at("unitKind") == "person") return signUpPerson(ip, body);
  FieldErrors errors;
  core::Form form(body, errors);
  const std::string creditCode = upper(form.text("creditCode", "统一社会信用代码", {true, 18}));
  if (!creditCode.empty() && !errors.has("creditCode"))
    if (auto e = core::checkCreditCode(creditCode)) errors.add("creditCode", "统一社会信用代码" + *e);
  const std::string name = form.text("name", "单位名称", {true, 60});
  // What kind of unit signs up decides what it may apply for (a company: 设立许可; a training unit:
  // 培训许可; an in-house unit: 备案).
  std::string unitKind = form.text("unitKind", "单位类型", {false, 20});
  if (unitKind.empty()) unitKind = "company";
  else if (unitKind != "company" && unitKind != "training_unit" && unitKind != "inhouse_unit")
    errors.add("unitKind", "单位类型只能是 company(保安服务公司)、training_unit(保安培训单位)、inhouse_unit(自行招用保安员单位)或 person(个人)");
  const std::string regionCode = form.text("regionCode", "所属区域", {true, 12});
  if (!regionCode.empty() && !errors.has("regionCode")) {
    const auto* r = core::RegionTable::instance().find(regionCode);
    if (!r || regionCode.size() != 6) errors.add("regionCode", "所属区域应为县级行政区划代码");
  }
  const std::string legalName = form.text("legalName", "法定代表人姓名", {true, 20});
  const std::string legalIdNo = upper(form.text("legalIdNo", "法定代表人身份证号", {true, 18}));
  if (!legalIdNo.empty() && !errors.has("legalIdNo"))
    if (auto e = core::checkIdNumber(legalIdNo)) errors.add("legalIdNo", "法定代表人身份证号" + *e);
  const std::string mobile = readMobile(form, "legalMobile", "法定代表人手机号");
  const std::string smsCode = form.text("smsCode", "短信验证码", {true, 6});
  const std::string password = form.text("password", "密码", {true, 64});
  if (!password.empty() && !errors.has("password"))
    if (auto e = core::checkPassword(password, creditCode)) errors.add("password", "密码" + *e);
  errors.throwIfAny();
  // Hash before the transaction (slow on purpose), after every cheap check.
  const std::string hash = crypto::hashPassword(password);
  // A wrong code counts against the code's five guesses in a transaction of its own: the sign-up's
  // transaction rolls back with the refusal, and the count must not.
  const std::string given = codeHash(mobile, smsCode);
  const bool codeOk = ctx_.db.write([&](db::Conn& c) { return store_.checkSignUpCode(c, mobile, given); });
  if (!codeOk) throw invalidField("smsCode", "短信验证码错误或已过期");
  return ctx_.db.write([&](db::Conn& c) {
    if (unitKind == "company" && store_.companyWithCreditCode(c, creditCode)) throw AppError(409, "conflict", "该统一社会信用代码的企业已在系统中,请使用企业账号登录", {{"creditCode", "企业已存在"}});
    if (!store_.consumeSignUpCode(c, mobile, given)) throw invalidField("smsCode", "短信验证码错误或已过期");
    auto org = store_.orgAtLevel(c, regionCode, "county");
    if (!org) org = store_.orgAtLevel(c, regionCode, "city");
    if (!org) throw invalidField("regionCode", "所属区域没有对应的公安机关");
    system::PortalAccount acc{0, creditCode, name, legalIdNo, mobile, org->first, org->second};
    const long long id = users_.createApplicantAccount(c, acc, hash);
    store_.setUnitKind(c, id, unitKind);
    // The new account is the actor of its own sign-up.
    core::Principal self;
    self.userId = id;
    self.account = creditCode;
    self.name = name;
    self.kind = "applicant";
    self.orgId = org->first;
    self.orgPath = org->second;
    audit::record(c, core::Actor{self, ip, ""}, "sign_up", "user", std::to_string(id),
                  "企业注册:" + name + "(" + creditCode + "),法定代表人 " + legalName);
    return json{{"id", id}, {"account", creditCode}, {"name", name}, {"unitKind", unitKind}};
  });
}

// A person (个人, issue 13) signs up to register for the guard exam: their ID number is the account,
// the SMS code proves the mobile. The account may register only its holder.
json SignUpService::signUpPerson(const std::string& ip, const json& body) {
  FieldErrors errors;
  core::Form form(body, errors);
  const std::string idNo = upper(form.text("idNo", "公民身份号码", {true, 18}));
  if (!idNo.empty() && !errors.has("idNo"))
    if (auto e = core::checkIdNumber(idNo)) errors.add("idNo", "公民身份号码" + *e);
  const std::string name = form.text("name", "姓名", {true, 20});
  const std::string mobile = readMobile(form, "mobile", "手机号");
  const std::string smsCode = form.text("smsCode", "短信验证码", {true, 6});
  const std::string password = form.text("password", "密码", {true, 64});
  if (!password.empty() && !errors.has("password"))
    if (auto e = core::checkPassword(password, idNo)) errors.add("password", "密码" + *e);
  errors.throwIfAny();
  const std::string hash = crypto::hashPassword(password);
  const std::string given = codeHash(mobile, smsCode);
  const bool codeOk = ctx_.db.write([&](db::Conn& c) { return store_.checkSignUpCode(c, mobile, given); });
  if (!codeOk) throw invalidField("smsCode", "短信验证码错误或已过期");
  return ctx_.db.write([&](db::Conn& c) {
    if (c.scalar(db::Query("SELECT COUNT(*) FROM users WHERE account = ?", idNo)) > 0)
      throw AppError(409, "conflict", "该公民身份号码已注册账号,请直接登录", {{"idNo", "已注册"}});
    if (!store_.consumeSignUpCode(c, mobile, given)) throw invalidField("smsCode", "短信验证码错误或已过期");
    // The account sits under the public security organ of the region the ID number was issued in
    // when it is in this province, else under the province's department.
    const std::string region = idNo.substr(0, 6);
    auto org = store_.orgAtLevel(c, region, "county");
    if (!org) org = store_.orgAtLevel(c, region, "city");
    if (!org) org = store_.orgAtLevel(c, "610000", "province");
    if (!org) throw conflict("系统尚未设置公安机关,暂不能注册");
    system::PortalAccount acc{0, idNo, name, idNo, mobile, org->first, org->second};
    const long long id = users_.createApplicantAccount(c, acc, hash);
    store_.setUnitKind(c, id, "person");
    // The guard of this ID number and name, if there is one, is now 实名认证 (industry/real_name.h).
    industry::personAccountChanged(c, idNo);
    core::Principal self;
    self.userId = id;
    self.account = idNo;
    self.name = name;
    self.kind = "applicant";
    self.orgId = org->first;
    self.orgPath = org->second;
    audit::record(c, core::Actor{self, ip, ""}, "sign_up", "user", std::to_string(id), "个人注册:" + name);
    return json{{"id", id}, {"account", idNo}, {"name", name}, {"unitKind", "person"}};
  });
}

}  // namespace baoan::approval
