#pragma once
// The HTTP server: Boost.Beast on one I/O thread per core. Short handlers run on the I/O thread that
// read the request; long work (Route::onPool: exports, imports, password hashing, changes) runs on a
// worker pool at a lower CPU priority, and the query shapes (route + the query parameters set) whose
// recent runs averaged over the inline budget on overflow threads at the I/O threads' priority.
#include <functional>
#include <optional>
#include <string>

#include "core/principal.h"
#include "http/router.h"

namespace baoan::http {

enum class IoModel {
  perThread,  // one io_context per I/O thread; a connection stays on one thread (no locks, no hops)
  shared,     // one io_context run by every I/O thread (a busy thread's connections are served by others)
};

int defaultIoThreads();  // one per core

struct ServerConfig {
  std::string host = "127.0.0.1";
  unsigned short port = 8080;
  std::string webDir;  // built SPA; empty = API only
  int ioThreads = 2;
  int workerThreads = 8;
  int shutdownGraceSeconds = 20;
  IoModel ioModel = IoModel::perThread;
  bool inlineHandlers = true;  // false: every API request runs on the worker pool (the model before)
  double inlineBudgetMs = 3;   // a query shape averaging more runs on the overflow threads until it is faster
  int workerNice = 5;          // the workers' CPU priority below the I/O threads (0: the same)
  int keepAliveSeconds = 75;   // an idle connection, or one reading or writing a request this long, is closed
};

struct Hooks {
  // Resolves the session of a request into a principal (on the thread that runs the handler); nullopt = 401.
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
