// baoan_endpoint_bench — an API request in-process, without the network: the server's router, modules
// and pipeline (session lookup, permission, handler, JSON) as `baoan serve` builds them, called directly.
// Tells how much of a request's time is ours (auth, store, JSON) and how much HTTP and the network add.
//
//   bench/.build/baoan_endpoint_bench --db sqlite3://db=PATH [--account admin --password Admin@2026]
//                                     [--runs N] PATH…          e.g. '/api/v1/guards?page=1&size=20'
//
// Prints per path: RESULT <path> status=<s> bytes=<n> runs=<n> median_us=<…> p99_us=<…> fnv=<FNV-1a of the body>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "adapters/sms/sms_gateway.h"
#include "app/config.h"
#include "app/context.h"
#include "crypto/crypto.h"
#include "db/db.h"
#include "http/server.h"
#include "modules/auth/auth_service.h"
#include "modules/registry.h"

using namespace baoan;

namespace {

double percentile(std::vector<double> v, double q) {
  std::sort(v.begin(), v.end());
  if (v.empty()) return 0;
  const double pos = q * static_cast<double>(v.size() - 1);
  const auto lo = static_cast<std::size_t>(pos);
  const auto hi = std::min(lo + 1, v.size() - 1);
  return v[lo] + (v[hi] - v[lo]) * (pos - static_cast<double>(lo));
}

// The query string into Request::query as the server parses it (no escapes in the benchmark's paths
// beyond %XX).
void setTarget(http::Request& req, const std::string& target) {
  req.target = target;
  const auto q = target.find('?');
  req.path = target.substr(0, q);
  if (q == std::string::npos) return;
  std::string rest = target.substr(q + 1);
  std::size_t start = 0;
  while (start <= rest.size()) {
    std::size_t amp = rest.find('&', start);
    if (amp == std::string::npos) amp = rest.size();
    const std::string pair = rest.substr(start, amp - start);
    const auto eq = pair.find('=');
    std::string value = eq == std::string::npos ? "" : pair.substr(eq + 1), decoded;
    for (std::size_t i = 0; i < value.size(); ++i) {
      if (value[i] == '%' && i + 2 < value.size()) {
        decoded += static_cast<char>(std::stoi(value.substr(i + 1, 2), nullptr, 16));
        i += 2;
      } else {
        decoded += value[i];
      }
    }
    if (!pair.empty()) req.query[pair.substr(0, eq)] = decoded;
    start = amp + 1;
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::string url, account = "admin", password = "Admin@2026";
  int runs = 2000;
  std::vector<std::string> paths;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--db" && i + 1 < argc) url = argv[++i];
    else if (a == "--account" && i + 1 < argc) account = argv[++i];
    else if (a == "--password" && i + 1 < argc) password = argv[++i];
    else if (a == "--runs" && i + 1 < argc) runs = std::stoi(argv[++i]);
    else paths.push_back(a);
  }
  if (url.empty() || paths.empty()) {
    std::cerr << "usage: baoan_endpoint_bench --db URL [--account A --password P] [--runs N] PATH…\n";
    return 2;
  }
  try {
    crypto::init();
    app::Config cfg;
    cfg.dbUrl = url;
    cfg.loginRatePerMinute = 1000000;
    cfg.sessionIdleSeconds = 86400;
    db::Database database(url, 4);
    auto sms = sms::makeLocalGateway();
    app::Context ctx{database, *sms, cfg};
    modules::Shared shared(ctx);
    http::Router router;
    modules::registerAll(router, ctx, shared);
    http::Hooks hooks;
    hooks.authenticate = [&](const http::Request& req) -> std::optional<core::Principal> {
      const std::string bearer = req.header("authorization");
      if (bearer.rfind("Bearer ", 0) == 0) return shared.auth.authenticate(bearer.substr(7), false);
      return std::nullopt;
    };

    http::Request login;
    login.method = "POST";
    setTarget(login, "/api/v1/auth/login");
    login.remoteIp = "127.0.0.1";
    login.body = "{\"account\":\"" + account + "\",\"password\":\"" + password + "\"}";
    login.headers["content-type"] = "application/json";
    auto m = router.match("POST", login.path);
    const http::Response signedIn = http::runPipeline(*m.route, login, hooks);
    if (signedIn.status != 200) throw std::runtime_error("sign-in failed: " + signedIn.body);
    const std::string token = nlohmann::json::parse(signedIn.body).at("token").get<std::string>();

    for (const auto& path : paths) {
      std::vector<double> us;
      http::Response last;
      for (int r = 0; r < runs + 50; ++r) {
        const auto t0 = std::chrono::steady_clock::now();
        http::Request req;
        req.method = "GET";
        setTarget(req, path);
        req.remoteIp = "127.0.0.1";
        req.requestId = "0123456789abcdef";
        req.headers["authorization"] = "Bearer " + token;
        req.headers["host"] = "127.0.0.1";
        auto match = router.match("GET", req.path);
        if (!match.route) throw std::runtime_error("no route for " + path);
        req.params = match.params;
        last = http::runPipeline(*match.route, req, hooks);
        const auto t1 = std::chrono::steady_clock::now();
        if (r >= 50) us.push_back(std::chrono::duration<double, std::micro>(t1 - t0).count());
      }
      // FNV-1a of the body: two builds answer byte-identically when their hashes agree.
      unsigned long long fnv = 1469598103934665603ULL;
      for (const unsigned char ch : last.body) fnv = (fnv ^ ch) * 1099511628211ULL;
      std::printf("RESULT %s status=%d bytes=%zu runs=%zu median_us=%.1f p99_us=%.1f fnv=%016llx\n", path.c_str(), last.status,
                  last.body.size(), us.size(), percentile(us, 0.5), percentile(us, 0.99), fnv);
    }
  } catch (const std::exception& e) {
    std::cerr << "baoan_endpoint_bench: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
