#include <spdlog/spdlog.h>

#include "core/error.h"
#include "http/server.h"

namespace baoan::http {

Response errorResponse(int status, const std::string& code, const std::string& message, const std::string& requestId,
                       const std::map<std::string, std::string>& fields) {
  Json err = {{"code", code}, {"message", message}};
  if (!fields.empty()) err["fields"] = fields;
  if (status >= 500) err["requestId"] = requestId;
  return Response::json({{"error", err}}, status);
}

namespace {
bool changesState(const std::string& method) { return method != "GET" && method != "HEAD" && method != "OPTIONS"; }

Response checkAccess(const Route& route, Request& req, const Hooks& hooks, std::optional<core::Principal>& principal) {
  principal = hooks.authenticate ? hooks.authenticate(req) : std::nullopt;
  if (!principal) return errorResponse(401, "unauthenticated", "未登录或登录已过期,请重新登录", req.requestId);
  // A cookie is sent by the browser on its own; a state change must also prove it comes from our
  // page, by echoing the token only our page can read. Bearer clients are immune and exempt.
  if (principal->viaCookie && changesState(req.method) && req.header("x-csrf-token") != principal->csrfToken)
    return errorResponse(403, "csrf_failed", "请求校验失败(CSRF),请刷新页面后重试", req.requestId);
  if (principal->mustChangePassword && !route.options.allowedWhileMustChange)
    return errorResponse(403, "password_change_required", "首次登录或密码已重置,请先修改密码", req.requestId);
  if (!route.options.permission.empty() && !principal->has(route.options.permission))
    return errorResponse(403, "forbidden", "没有执行此操作的权限", req.requestId);
  Response ok;
  ok.status = 0;
  return ok;
}
}  // namespace

Response runPipeline(const Route& route, Request& req, const Hooks& hooks) {
  try {
    std::optional<core::Principal> principal;
    if (!route.options.isPublic) {
      Response denied = checkAccess(route, req, hooks, principal);
      if (denied.status != 0) return denied;
    }
    Ctx ctx{req, principal ? &*principal : nullptr};
    return route.handler(ctx);
  } catch (const AppError& e) {
    return errorResponse(e.status, e.code, e.what(), req.requestId, e.fields);
  } catch (const nlohmann::json::exception& e) {
    // Handlers read typed fields with j.at(...).get<T>(); a wrong type lands here.
    return errorResponse(400, "bad_request", "请求字段类型错误", req.requestId);
  } catch (const std::exception& e) {
    Response mapped;
    if (hooks.mapError && hooks.mapError(e, mapped)) return mapped;
    spdlog::error("[{}] {} {} failed: {}", req.requestId, req.method, req.path, e.what());
    return errorResponse(500, "internal", "服务器内部错误,请联系管理员(请求编号 " + req.requestId + ")", req.requestId);
  }
}

}  // namespace baoan::http
