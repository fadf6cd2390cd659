#pragma once
// The HTTP server: Boost.Beast on a few I/O threads, handlers on a worker pool.
#include <functional>
#include <optional>
#include <string>

#include "core/principal.h"
#include "http/router.h"

namespace baoan::http {

struct ServerConfig {
  std::string host = "127.0.0.1";
  unsigned short port = 8080;
  std::string webDir;  // built SPA; empty = API only
  int ioThreads = 2;
  int workerThreads = 8;
  int shutdownGraceSeconds = 20;
};

struct Hooks {
  // Resolves the session of a request into a principal (runs on the worker pool); nullopt = 401.
  std::function<std::optional<core::Principal>(const Request&)> authenticate;
  // Maps exceptions that are not AppError (e.g. database errors) to an AppError-like response;
  // returns false when the exception is a bug (→ 500).
  std::function<bool(const std::exception&, Response&)> mapError;
};

// Runs the pipeline for one request whose route is already matched: session, CSRF, forced password
// change, permission, handler, error mapping. Exposed so that tests can drive it without sockets.
Response runPipeline(const Route& route, Request& req, const Hooks& hooks);
Response errorResponse(int status, const std::string& code, const std::string& message, const std::string& requestId,
                       const std::map<std::string, std::string>& fields = {});

// Serves until SIGINT/SIGTERM; then stops accepting, lets in-flight requests finish (up to the grace
// period) and returns.
void serve(const Router& router, const ServerConfig& config, const Hooks& hooks);

}  // namespace baoan::http
