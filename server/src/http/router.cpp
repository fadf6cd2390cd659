#include "http/router.h"

#include <stdexcept>
#include <string_view>

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

// The path's segments as views into it ("/a/b/" → "a", "b", ""), without allocating for short paths.
struct Segments {
  static constexpr std::size_t kInline = 12;
  std::string_view inlineSegs[kInline];
  std::vector<std::string_view> more;
  std::size_t n = 0;
  explicit Segments(std::string_view path) {
    std::size_t start = 1;
    while (start <= path.size()) {
      std::size_t end = path.find('/', start);
      if (end == std::string_view::npos) end = path.size();
      push(path.substr(start, end - start));
      start = end + 1;
    }
  }
  void push(std::string_view s) {
    if (n < kInline) {
      inlineSegs[n] = s;
    } else {
      if (more.empty()) more.assign(inlineSegs, inlineSegs + kInline);
      more.push_back(s);
    }
    ++n;
  }
  std::string_view operator[](std::size_t i) const { return n <= kInline ? inlineSegs[i] : more[i]; }
};
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
  const std::string& last = r->segments.empty() ? r->pattern : r->segments.back();
  r->onPool = r->options.blocking || (r->method != "GET" && r->method != "HEAD") || last == "export" ||
              last == "import-template";
  const std::string third = r->segments.size() > 2 && !isParam(r->segments[2]) ? r->segments[2] : "{}";
  buckets_[bucketKey(r->segments.size(), third)].emplace_back(routes_.size(), r.get());
  routes_.push_back(std::move(r));
}

std::string Router::bucketKey(std::size_t segments, std::string_view third) {
  std::string key = std::to_string(segments);
  key += '/';
  key += third;
  return key;
}

std::uint64_t queryShape(const Request& req) {
  std::uint64_t h = 1469598103934665603ull;  // FNV-1a over the names (the map is sorted by name)
  for (const auto& [k, v] : req.query) {
    if (v.empty() || k == "page" || k == "size" || k == "sort") continue;
    for (char c : k) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
    h = (h ^ '&') * 1099511628211ull;
  }
  return h ? h : 1;
}

Router::Match Router::match(const std::string& method, const std::string& path) const {
  Match best;
  const Segments segs(path);
  // Literal segments win over parameters ("/roles/assignable" before "/roles/{id}"); between equal
  // scores, the route registered first.
  int bestScore = -1;
  std::size_t bestOrder = 0;
  const Bucket* candidates[2] = {nullptr, nullptr};
  if (segs.n > 2)
    if (auto it = buckets_.find(bucketKey(segs.n, segs[2])); it != buckets_.end()) candidates[0] = &it->second;
  if (auto it = buckets_.find(bucketKey(segs.n, "{}")); it != buckets_.end()) candidates[1] = &it->second;
  for (const Bucket* bucket : candidates) {
    if (!bucket) continue;
    for (const auto& [order, r] : *bucket) {
      int score = 0;
      bool ok = true;
      for (std::size_t i = 0; i < segs.n && ok; ++i) {
        if (isParam(r->segments[i])) ok = !segs[i].empty();
        else if (r->segments[i] == segs[i]) score += 1;
        else ok = false;
      }
      if (!ok) continue;
      if (r->method != method) {
        best.pathExists = true;
        continue;
      }
      if (score > bestScore || (score == bestScore && order < bestOrder)) {
        bestScore = score;
        bestOrder = order;
        best.route = r;
      }
    }
  }
  if (best.route)
    for (std::size_t i = 0; i < segs.n; ++i) {
      const std::string& seg = best.route->segments[i];
      if (isParam(seg)) best.params[seg.substr(1, seg.size() - 2)] = std::string(segs[i]);
    }
  return best;
}

}  // namespace baoan::http
