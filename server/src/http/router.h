#pragma once
// Routes: method + pattern ("/api/v1/orgs/{id}") → handler, with what the pipeline must check
// before the handler runs (session, permission, body limit).
#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/principal.h"
#include "http/message.h"

namespace baoan::http {

struct Ctx {
  Request& req;
  const core::Principal* principal;  // null on public routes
  const core::Principal& user() const { return *principal; }
};

using Handler = std::function<Response(Ctx&)>;

struct RouteOptions {
  bool isPublic = false;                // no session needed
  std::string permission;               // "<module>:<action>"; empty = any signed-in user
  std::size_t bodyLimit = 1 << 20;      // bytes
  bool allowedWhileMustChange = false;  // reachable before the forced password change
  // Long work (exports, imports, password hashing, PDFs): runs on the worker pool, never on an I/O
  // thread. Routes that change data (every method but GET/HEAD) and GETs ending in /export or
  // /import-template run there without it; see Route::onPool.
  bool blocking = false;
};

// How long a route's handler takes, kept by the server per query shape: the route and which query
// parameters the request sets (besides page, size and sort, whose values do not change the kind of
// work). One route serves cheap and costly shapes (GET /guards: a page in time order, a company-name
// filter); one average for both moved the cheap pages off their I/O thread whenever the costly shape
// raised it.
struct ShapeTiming {
  std::atomic<std::uint64_t> key{0};      // the shape's hash (0: slot free)
  std::atomic<std::uint32_t> averageUs{0};
  std::atomic<bool> slow{false};          // the average went over the inline budget: runs off the I/O thread
};

// The query shape of a request: which parameters it sets, besides page, size and sort (a hash of their
// names). Never 0.
std::uint64_t queryShape(const Request& req);

struct RouteTiming {
  static constexpr std::size_t kShapes = 16;
  std::array<ShapeTiming, kShapes> shapes;
  // The slot of a shape: claimed on first use; when every slot is taken, the last one is shared.
  ShapeTiming& of(std::uint64_t shape) {
    for (std::size_t i = 0; i < kShapes; ++i) {
      ShapeTiming& t = shapes[(shape + i) % kShapes];
      std::uint64_t k = t.key.load(std::memory_order_relaxed);
      if (k == shape) return t;
      if (k == 0 && (t.key.compare_exchange_strong(k, shape) || k == shape)) return t;
    }
    return shapes[kShapes - 1];
  }
};

struct Route {
  std::string method;
  std::string pattern;
  std::vector<std::string> segments;
  Handler handler;
  RouteOptions options;
  // Whether the handler always runs on the worker pool (options.blocking, a method that changes data,
  // an export or a generated file); the others run on the I/O thread that read the request.
  bool onPool = false;
  mutable RouteTiming timing;
};

class Router {
 public:
  void add(std::string method, std::string pattern, Handler h, RouteOptions o = {});
  void get(const std::string& p, Handler h, RouteOptions o = {}) { add("GET", p, std::move(h), std::move(o)); }
  void post(const std::string& p, Handler h, RouteOptions o = {}) { add("POST", p, std::move(h), std::move(o)); }
  void put(const std::string& p, Handler h, RouteOptions o = {}) { add("PUT", p, std::move(h), std::move(o)); }
  void del(const std::string& p, Handler h, RouteOptions o = {}) { add("DELETE", p, std::move(h), std::move(o)); }

  struct Match {
    const Route* route = nullptr;
    std::map<std::string, std::string> params;
    bool pathExists = false;  // some route has this path with another method (→ 405)
  };
  Match match(const std::string& method, const std::string& path) const;
  const std::vector<std::unique_ptr<Route>>& routes() const { return routes_; }

 private:
  // The routes by segment count and third segment ("/api/v1/guards/{id}" → 4 and "guards"; a parameter
  // there → "{}"), each with its place in routes_: a request is matched against a handful of routes
  // rather than all of them (the linear scan was 3 % of a /health request's CPU).
  using Bucket = std::vector<std::pair<std::size_t, const Route*>>;
  static std::string bucketKey(std::size_t segments, std::string_view third);
  std::vector<std::unique_ptr<Route>> routes_;
  std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace baoan::http
