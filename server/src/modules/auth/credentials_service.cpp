#include "modules/auth/credentials_service.h"

#include "core/clock.h"
#include "core/error.h"
#include "core/validation.h"
#include "crypto/crypto.h"
#include "modules/audit/audit_log.h"

namespace baoan::auth {

namespace {
std::string codeHash(long long userId, const std::string& code) { return crypto::sha256Hex(std::to_string(userId) + ":" + code); }
}  // namespace

std::string CredentialsService::initialPasswordHash() { return crypto::hashPassword(kInitialPassword); }
std::string CredentialsService::hashPassword(const std::string& password) { return crypto::hashPassword(password); }

void CredentialsService::resetToInitial(db::Conn& c, long long userId, const std::string& initialHash) {
  store_.setPassword(c, userId, initialHash, true);
  store_.deleteSessionsOfUser(c, userId);
  store_.deleteCodes(c, userId);
}

void CredentialsService::setPassword(db::Conn& c, long long userId, const std::string& hash, bool mustChange) {
  store_.setPassword(c, userId, hash, mustChange);
  store_.deleteSessionsOfUser(c, userId);
}

void CredentialsService::revokeSessions(db::Conn& c, long long userId, const std::string& keepSessionHash) {
  store_.deleteSessionsOfUser(c, userId, keepSessionHash);
}

std::string CredentialsService::sendChangeCode(const core::Principal& p, const std::string& purpose) {
  if (purpose != "change_password") throw invalidField("purpose", "验证码用途无效");
  const long long now = core::nowMs();
  const std::string code = crypto::randomDigits(6);
  std::string mobile;
  ctx_.db.write([&](db::Conn& c) {
    auto last = store_.lastCodeAt(c, p.userId, purpose);
    if (last && now - *last < kCodeIntervalMs) throw rateLimited("验证码已发送,请60秒后再试");
    auto creds = store_.findById(c, p.userId);
    if (!creds) throw unauthenticated();
    mobile = creds->mobile;
    store_.storeCode(c, p.userId, purpose, codeHash(p.userId, code), now + kCodeTtlMs);
    ctx_.sms.send(c, {mobile, "verification_code",
                      "【保安服务监管信息系统】您的验证码为" + code + ",5分钟内有效,用于修改登录密码。如非本人操作,请忽略。",
                      p.userId, p.orgPath, {{"code", code}}});
  });
  return core::maskMobile(mobile);
}

void CredentialsService::changePassword(const core::Actor& a, const std::string& oldPassword, const std::string& newPassword,
                                        const std::string& smsCode) {
  const auto& p = a.who;
  FieldErrors errors;
  if (oldPassword.empty()) errors.add("oldPassword", "原密码不能为空");
  if (newPassword.empty()) errors.add("newPassword", "新密码不能为空");
  else if (auto e = core::checkPassword(newPassword, p.account)) errors.add("newPassword", "新密码" + *e);
  if (smsCode.empty()) errors.add("smsCode", "短信验证码不能为空");
  errors.throwIfAny();
  auto creds = ctx_.db.read([&](db::Conn& c) { return store_.findById(c, p.userId); });
  if (!creds) throw unauthenticated();
  if (!crypto::verifyPassword(oldPassword, creds->passwordHash)) throw invalidField("oldPassword", "原密码错误");
  if (oldPassword == newPassword) throw invalidField("newPassword", "新密码不能与原密码相同");
  const std::string hash = crypto::hashPassword(newPassword);
  // The code check commits its attempt counter even when it fails, hence the flag instead of a throw.
  const bool codeOk = ctx_.db.write([&](db::Conn& c) {
    if (!store_.consumeCode(c, p.userId, "change_password", codeHash(p.userId, smsCode))) return false;
    store_.setPassword(c, p.userId, hash, false);
    store_.deleteSessionsOfUser(c, p.userId, p.sessionHash);
    audit::record(c, a, "change_password", "user", std::to_string(p.userId), "修改登录密码");
    return true;
  });
  if (!codeOk) throw invalidField("smsCode", "验证码错误或已过期");
}

}  // namespace baoan::auth
