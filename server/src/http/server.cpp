// The only translation unit that includes Boost.Beast (it costs ~18 s to compile: keep it alone).
#include <utility>  // before Boost: GCC 12 + Boost 1.74 coroutines need std::exchange

#include <boost/asio.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast.hpp>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <random>
#include <thread>

#include <spdlog/spdlog.h>

#include "http/server.h"

namespace baoan::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;

namespace {

// The largest body any route accepts; the route's own limit is applied once the path is known.
constexpr std::size_t kMaxBody = 64u << 20;

struct ServerState {
  const Router& router;
  const ServerConfig& config;
  const Hooks& hooks;
  asio::thread_pool workers;
  std::atomic<int> inFlight{0};
  std::atomic<bool> stopping{false};
  ServerState(const Router& r, const ServerConfig& c, const Hooks& h)
      : router(r), config(c), hooks(h), workers(static_cast<std::size_t>(c.workerThreads)) {}
};

std::string newRequestId() {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(rng()));
  return buf;
}

int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string urlDecode(std::string_view s, bool plusIsSpace) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && hexValue(s[i + 1]) >= 0 && hexValue(s[i + 2]) >= 0) {
      out += static_cast<char>(hexValue(s[i + 1]) * 16 + hexValue(s[i + 2]));
      i += 2;
    } else if (s[i] == '+' && plusIsSpace) {
      out += ' ';
    } else {
      out += s[i];
    }
  }
  return out;
}

void parseTarget(Request& req) {
  const auto q = req.target.find('?');
  req.path = urlDecode(std::string_view(req.target).substr(0, q), false);
  if (q == std::string::npos) return;
  std::string_view rest = std::string_view(req.target).substr(q + 1);
  while (!rest.empty()) {
    auto amp = rest.find('&');
    std::string_view pair = rest.substr(0, amp);
    auto eq = pair.find('=');
    std::string key = urlDecode(pair.substr(0, eq), true);
    std::string value = eq == std::string_view::npos ? std::string() : urlDecode(pair.substr(eq + 1), true);
    if (!key.empty()) req.query[key] = value;
    if (amp == std::string_view::npos) break;
    rest.remove_prefix(amp + 1);
  }
}

std::string mimeType(const std::string& path) {
  static const std::map<std::string, std::string> types = {
      {".html", "text/html; charset=utf-8"}, {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"}, {".css", "text/css; charset=utf-8"},
      {".json", "application/json; charset=utf-8"}, {".svg", "image/svg+xml"}, {".png", "image/png"},
      {".jpg", "image/jpeg"}, {".jpeg", "image/jpeg"}, {".gif", "image/gif"}, {".ico", "image/x-icon"},
      {".woff", "font/woff"}, {".woff2", "font/woff2"}, {".ttf", "font/ttf"}, {".txt", "text/plain; charset=utf-8"},
      {".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}, {".pdf", "application/pdf"}};
  auto ext = std::filesystem::path(path).extension().string();
  auto it = types.find(ext);
  return it == types.end() ? "application/octet-stream" : it->second;
}

// Maps a URL path onto a file under the SPA directory; never outside it.
Response staticFile(const ServerConfig& cfg, const Request& req) {
  if (cfg.webDir.empty() || (req.method != "GET" && req.method != "HEAD"))
    return errorResponse(404, "not_found", "页面不存在", req.requestId);
  if (req.path.find("..") != std::string::npos || req.path.find('\0') != std::string::npos)
    return errorResponse(404, "not_found", "页面不存在", req.requestId);
  std::string rel = req.path == "/" ? "/index.html" : req.path;
  std::filesystem::path file = std::filesystem::path(cfg.webDir) / rel.substr(1);
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec)) return errorResponse(404, "not_found", "页面不存在", req.requestId);
  Response r;
  r.filePath = file.string();
  r.headers["Content-Type"] = mimeType(rel);
  // Vite puts a content hash into every asset name: those never change. index.html must be fresh.
  r.headers["Cache-Control"] = rel.rfind("/assets/", 0) == 0 ? "public, max-age=31536000, immutable" : "no-cache";
  return r;
}

void addCommonHeaders(Response& r, const Request& req) {
  r.headers["X-Request-Id"] = req.requestId;
  r.headers["X-Content-Type-Options"] = "nosniff";
  // A route may allow its answer in a frame of this site (the materials of a case: PDF viewer).
  if (!r.headers.count("X-Frame-Options")) r.headers["X-Frame-Options"] = "DENY";
  r.headers["Referrer-Policy"] = "no-referrer";
  if (!r.headers.count("Cache-Control")) r.headers["Cache-Control"] = "no-store";
  auto ct = r.headers.find("Content-Type");
  if (ct != r.headers.end() && ct->second.rfind("text/html", 0) == 0)
    r.headers["Content-Security-Policy"] =
        "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; script-src 'self'; "
        "connect-src 'self'; frame-ancestors 'none'";
}

template <class Body>
void copyHeaders(bhttp::response<Body>& res, const Response& r) {
  for (const auto& [k, v] : r.headers) res.set(k, v);
}

asio::awaitable<bool> writeResponse(beast::tcp_stream& stream, Response& r, unsigned version, bool keepAlive,
                                    bool headOnly) {
  beast::error_code ec;
  if (r.filePath) {
    bhttp::file_body::value_type body;
    body.open(r.filePath->c_str(), beast::file_mode::scan, ec);
    if (ec) {
      r = Response::json({{"error", {{"code", "not_found"}, {"message", "文件不存在"}}}}, 404);
    } else {
      bhttp::response<bhttp::file_body> res{static_cast<bhttp::status>(r.status), version, std::move(body)};
      copyHeaders(res, r);
      res.keep_alive(keepAlive);
      res.prepare_payload();
      if (headOnly) {
        bhttp::response_serializer<bhttp::file_body> sr{res};
        co_await bhttp::async_write_header(stream, sr, asio::redirect_error(asio::use_awaitable, ec));
      } else {
        co_await bhttp::async_write(stream, res, asio::redirect_error(asio::use_awaitable, ec));
      }
      std::error_code removeError;
      if (r.deleteFileAfter) std::filesystem::remove(*r.filePath, removeError);
      co_return !ec;
    }
  }
  bhttp::response<bhttp::string_body> res{static_cast<bhttp::status>(r.status), version};
  copyHeaders(res, r);
  res.keep_alive(keepAlive);
  if (r.status != 204) res.body() = std::move(r.body);
  res.prepare_payload();
  co_await bhttp::async_write(stream, res, asio::redirect_error(asio::use_awaitable, ec));
  co_return !ec;
}

asio::awaitable<void> session(tcp::socket socket, ServerState& st) {
  beast::tcp_stream stream(std::move(socket));
  beast::flat_buffer buffer;
  std::string ip;
  {
    beast::error_code ec;
    auto ep = stream.socket().remote_endpoint(ec);
    if (!ec) ip = ep.address().to_string();
  }
  for (;;) {
    bhttp::request_parser<bhttp::string_body> parser;
    parser.header_limit(32 * 1024);
    parser.body_limit(kMaxBody);
    beast::error_code ec;
    stream.expires_after(std::chrono::seconds(st.stopping ? 1 : 75));
    co_await bhttp::async_read_header(stream, buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
    if (ec) break;
    const auto start = std::chrono::steady_clock::now();
    Request req;
    req.requestId = newRequestId();
    req.remoteIp = ip;
    req.method = std::string(parser.get().method_string());
    req.target = std::string(parser.get().target());
    for (const auto& f : parser.get()) {
      std::string name(f.name_string());
      for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      req.headers[name] = std::string(f.value());
    }
    parseTarget(req);
    // The API, and the public pages the server renders itself (the licence verification a QR code opens).
  const bool isApi = req.path.rfind("/api/", 0) == 0 || req.path.rfind("/verify/", 0) == 0;
    Router::Match match;
    if (isApi) match = st.router.match(req.method, req.path);
    const std::size_t limit = match.route ? match.route->options.bodyLimit : (1u << 20);
    Response resp;
    bool counted = false;  // requests the graceful shutdown waits for
    bool tooLarge = parser.content_length() && *parser.content_length() > limit;
    if (!tooLarge && !parser.is_done()) {
      parser.body_limit(limit);
      stream.expires_after(std::chrono::seconds(300));
      co_await bhttp::async_read(stream, buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
      if (ec == bhttp::error::body_limit) tooLarge = true;
      else if (ec) break;
    }
    const bool keepAlive = !tooLarge && parser.get().keep_alive() && !st.stopping;
    const unsigned version = parser.get().version();
    if (tooLarge) {
      resp = errorResponse(413, "too_large", "请求内容过大(上限 " + std::to_string(limit / 1024) + " KB)", req.requestId);
    } else if (req.header("range").find(',') != std::string::npos) {
      resp = errorResponse(416, "range_not_satisfiable", "不支持多段范围请求", req.requestId);
    } else if (isApi && !match.route) {
      resp = match.pathExists ? errorResponse(405, "method_not_allowed", "不支持该请求方法", req.requestId)
                              : errorResponse(404, "not_found", "接口不存在", req.requestId);
    } else if (isApi) {
      req.body = std::move(parser.get().body());
      req.params = match.params;
      ++st.inFlight;
      counted = true;
      const Route& route = *match.route;
      resp = co_await asio::co_spawn(
          st.workers.get_executor(),
          [&]() -> asio::awaitable<Response> { co_return runPipeline(route, req, st.hooks); }, asio::use_awaitable);
    } else {
      ++st.inFlight;
      counted = true;
      resp = staticFile(st.config, req);
    }
    addCommonHeaders(resp, req);
    const int status = resp.status;
    const bool written = co_await writeResponse(stream, resp, version, keepAlive, req.method == "HEAD");
    if (counted) --st.inFlight;
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    spdlog::info("{} {} {} {} {:.1f}ms {}", req.requestId, req.method, req.path, status, ms, ip);
    if (tooLarge && written) {
      // The client may still be sending the body we refused. Closing now would reset the connection
      // and lose our 413 in its buffers: half-close, then read and discard for a short while.
      beast::error_code ignored;
      stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
      stream.expires_after(std::chrono::seconds(5));
      std::size_t drained = 0;
      while (drained < kMaxBody * 2) {
        auto n = co_await stream.async_read_some(buffer.prepare(64 * 1024), asio::redirect_error(asio::use_awaitable, ignored));
        if (ignored) break;
        buffer.consume(buffer.size());
        drained += n;
      }
      co_return;
    }
    if (!written || !keepAlive) break;
  }
  beast::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
}

asio::awaitable<void> acceptLoop(tcp::acceptor& acceptor, asio::io_context& ioc, ServerState& st) {
  for (;;) {
    beast::error_code ec;
    tcp::socket socket = co_await acceptor.async_accept(asio::make_strand(ioc), asio::redirect_error(asio::use_awaitable, ec));
    if (ec) {
      if (st.stopping || !acceptor.is_open()) co_return;
      continue;
    }
    socket.set_option(tcp::no_delay(true), ec);
    auto ex = socket.get_executor();
    asio::co_spawn(ex, session(std::move(socket), st), asio::detached);
  }
}

asio::awaitable<void> drainAndStop(asio::io_context& ioc, ServerState& st) {
  asio::steady_timer timer(co_await asio::this_coro::executor);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(st.config.shutdownGraceSeconds);
  while (st.inFlight > 0 && std::chrono::steady_clock::now() < deadline) {
    timer.expires_after(std::chrono::milliseconds(20));
    co_await timer.async_wait(asio::use_awaitable);
  }
  spdlog::info("shutdown: {} request(s) still in flight", st.inFlight.load());
  ioc.stop();
}

}  // namespace

void serve(const Router& router, const ServerConfig& config, const Hooks& hooks) {
  asio::io_context ioc(config.ioThreads);
  ServerState st(router, config, hooks);
  tcp::acceptor acceptor(ioc);
  tcp::endpoint ep(asio::ip::make_address(config.host), config.port);
  acceptor.open(ep.protocol());
  acceptor.set_option(asio::socket_base::reuse_address(true));
  acceptor.bind(ep);
  acceptor.listen(asio::socket_base::max_listen_connections);
  spdlog::info("listening on http://{}:{}", config.host, acceptor.local_endpoint().port());

  asio::signal_set signals(ioc, SIGINT, SIGTERM);
  signals.async_wait([&](const beast::error_code&, int sig) {
    spdlog::info("signal {}: no longer accepting, finishing in-flight requests", sig);
    st.stopping = true;
    beast::error_code ec;
    acceptor.close(ec);
    asio::co_spawn(ioc, drainAndStop(ioc, st), asio::detached);
  });
  asio::co_spawn(ioc, acceptLoop(acceptor, ioc, st), asio::detached);

  std::vector<std::thread> threads;
  for (int i = 1; i < config.ioThreads; ++i) threads.emplace_back([&] { ioc.run(); });
  ioc.run();
  for (auto& t : threads) t.join();
  st.workers.join();
}

}  // namespace baoan::http
