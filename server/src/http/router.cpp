#include "http/router.h"

#include <stdexcept>

#include "core/permissions.h"

namespace baoan::http {

namespace {
std::vector<std::string> split(const std::string& path) {
  std::vector<std::string> out;
  std::size_t start = 1;
  while (start <= path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    out.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  return out;
}
bool isParam(const std::string& seg) { return seg.size() > 2 && seg.front() == '{' && seg.back() == '}'; }
}  // namespace

void Router::add(std::string method, std::string pattern, Handler h, RouteOptions o) {
  // A route that names a permission no role can hold is a route nobody can use (or a typo that a
  // later catalog entry would silently open): refuse it when the server starts.
  if (!o.permission.empty() && !core::isKnownPermission(o.permission) && !core::portalPermissions().count(o.permission))
    throw std::logic_error("route " + method + " " + pattern + ": permission " + o.permission + " is not in the catalog");
  if (o.isPublic && !o.permission.empty())
    throw std::logic_error("route " + method + " " + pattern + ": a public route cannot require a permission");
  auto r = std::make_unique<Route>();
  r->method = std::move(method);
  r->segments = split(pattern);
  r->pattern = std::move(pattern);
  r->handler = std::move(h);
  r->options = std::move(o);
  routes_.push_back(std::move(r));
}

Router::Match Router::match(const std::string& method, const std::string& path) const {
  Match best;
  const auto segs = split(path);
  // Literal segments win over parameters ("/roles/assignable" before "/roles/{id}").
  int bestScore = -1;
  for (const auto& r : routes_) {
    if (r->segments.size() != segs.size()) continue;
    std::map<std::string, std::string> params;
    int score = 0;
    bool ok = true;
    for (std::size_t i = 0; i < segs.size() && ok; ++i) {
      if (isParam(r->segments[i])) {
        if (segs[i].empty()) ok = false;
        else params[r->segments[i].substr(1, r->segments[i].size() - 2)] = segs[i];
      } else if (r->segments[i] == segs[i]) {
        score += 1;
      } else {
        ok = false;
      }
    }
    if (!ok) continue;
    if (r->method != method) {
      best.pathExists = true;
      continue;
    }
    if (score > bestScore) {
      bestScore = score;
      best.route = r.get();
      best.params = std::move(params);
    }
  }
  return best;
}

}  // namespace baoan::http
