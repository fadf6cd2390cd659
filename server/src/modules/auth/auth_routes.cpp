#include "core/error.h"
#include "core/validation.h"
#include "modules/registry.h"
#include "modules/route_util.h"

namespace baoan::modules {

using http::Ctx;
using http::Response;
using nlohmann::json;

namespace {
std::string stringField(const json& j, const char* key) {
  if (!j.contains(key) || j.at(key).is_null()) return {};
  if (!j.at(key).is_string()) throw badRequest(std::string("字段 ") + key + " 应为文本");
  // Nothing a person types holds control characters; the account is written to the login log as sent.
  if (core::hasControlCharacters(j.at(key).get<std::string>(), false))
    throw AppError(400, "bad_request", std::string("字段 ") + key + " 包含不可见的控制字符", {{key, "包含不可见的控制字符"}});
  return j.at(key).get<std::string>();
}
}  // namespace

void registerAuthRoutes(http::Router& r, app::Context& ctx, Shared& shared) {
  auth::AuthService& auth = shared.auth;
  auth::CredentialsService& credentials = shared.credentials;
  r.post("/api/v1/auth/login", [&](Ctx& c) {
    const json body = c.req.json();
    auto result = auth.login({core::trim(stringField(body, "account")), stringField(body, "password"), c.req.remoteIp,
                              c.req.header("user-agent")});
    json me = auth.me(result.principal);
    Response res = Response::json({{"token", result.token},
                                   {"csrfToken", result.csrfToken},
                                   {"mustChangePassword", result.mustChangePassword},
                                   {"user", me["user"]}});
    res.headers["Set-Cookie"] = auth::sessionCookie(result.token, ctx.config.cookieSecure);
    return res;
  }, {.isPublic = true, .bodyLimit = 16 * 1024});

  r.post("/api/v1/auth/logout", [&](Ctx& c) {
    auth.logout(c.user());
    Response res = Response::noContent();
    res.headers["Set-Cookie"] = auth::clearedSessionCookie(ctx.config.cookieSecure);
    return res;
  }, {.allowedWhileMustChange = true});

  r.get("/api/v1/auth/me", [&](Ctx& c) { return Response::json(auth.me(c.user())); }, {.allowedWhileMustChange = true});

  r.post("/api/v1/auth/sms-code", [&](Ctx& c) {
    const json body = c.req.json();
    std::string purpose = stringField(body, "purpose");
    if (purpose.empty()) purpose = "change_password";
    const std::string masked = credentials.sendChangeCode(c.user(), purpose);
    return Response::json({{"mobile", masked}, {"expiresInSeconds", auth::CredentialsService::kCodeTtlMs / 1000}});
  }, {.bodyLimit = 4 * 1024, .allowedWhileMustChange = true});

  r.post("/api/v1/auth/change-password", [&](Ctx& c) {
    const json body = c.req.json();
    credentials.changePassword(actor(c), stringField(body, "oldPassword"), stringField(body, "newPassword"),
                        core::trim(stringField(body, "smsCode")));
    return Response::json({{"changed", true}});
  }, {.bodyLimit = 16 * 1024, .allowedWhileMustChange = true});
}

void registerHealthRoutes(http::Router& r, app::Context& ctx) {
  r.get("/api/v1/health", [&](Ctx&) {
    // A real round trip, so that a load balancer notices a lost database.
    ctx.db.ping();
    return Response::json({{"status", "ok"}, {"database", ctx.db.dialectName()}, {"version", "0.1.0"},
                           {"time", core::toIso(core::nowMs())}});
  }, {.isPublic = true});
}

}  // namespace baoan::modules
